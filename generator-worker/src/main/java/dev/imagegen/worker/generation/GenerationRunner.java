package dev.imagegen.worker.generation;

import dev.imagegen.events.QueueTaskDispatched;
import dev.imagegen.worker.WorkerProperties;
import dev.imagegen.worker.claim.Attempt;
import dev.imagegen.worker.claim.Completion;
import dev.imagegen.worker.claim.QueueTaskClaims;
import dev.imagegen.worker.metrics.WorkerMetrics;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs claimed generations on virtual threads, at most {@code max-in-flight} at once, renewing each
 * lease while it runs. A finished generation is handed to its {@link Reporter}, which reports it
 * (in a batch, with the next claims of its queue); a failed one is reported here. Stops after the
 * consumers: running work gets {@code shutdown-timeout} to finish, then is interrupted and released
 * for a retry.
 */
@Component
public class GenerationRunner implements SmartLifecycle {

    /** Where finished generations go; called on the generation's thread. */
    public interface Reporter {
        /** A generation ended with a result (or was stopped because its subtask was cancelled: null result). */
        void finished(Completion completion);

        /** A generation ended otherwise; it was reported here already and its room is free again. */
        void released();
    }

    private static final Logger log = LoggerFactory.getLogger(GenerationRunner.class);

    private final WorkerProperties properties;
    private final Attempts attempts;
    private final SubtaskLoader loader;
    private final QueueTaskClaims claims;
    private final WorkerMetrics metrics;
    private final Semaphore permits;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("generation-", 0).factory());
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lease-renewal").factory());
    /** Leases of finished generations not reported yet, by attempt id: renewed until reported. */
    private final java.util.concurrent.ConcurrentMap<Long, ScheduledFuture<?>> unreported =
            new java.util.concurrent.ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile boolean stopping;

    GenerationRunner(
            WorkerProperties properties,
            SubtaskGenerator generator,
            SubtaskLoader loader,
            QueueTaskClaims claims,
            WorkerMetrics metrics) {
        this.properties = properties;
        this.attempts = new Attempts(generator, claims);
        this.loader = loader;
        this.claims = claims;
        this.metrics = metrics;
        this.permits = new Semaphore(properties.maxInFlight());
    }

    /** Reserves room for up to {@code wanted} generations before claiming; returns how many were reserved. */
    public int reserve(int wanted) {
        if (stopping || wanted <= 0) {
            return 0;
        }
        int reserved = 0;
        while (reserved < wanted && permits.tryAcquire()) {
            reserved++;
        }
        return reserved;
    }

    /** Gives back reservations that did not lead to a claim. */
    public void unreserve(int count) {
        if (count > 0) {
            permits.release(count);
        }
    }

    /** Whether this worker has room for another generation. */
    public boolean hasRoom() {
        return !stopping && permits.availablePermits() > 0;
    }

    /**
     * Reads the subtasks of a claimed batch in one query before their generations start. Optional:
     * a generation reads its subtask itself when it was not read ahead (or the read failed).
     */
    public void prepare(List<QueueTaskDispatched> claimed) {
        try {
            loader.preload(claimed.stream()
                    .map(e -> new SubtaskLoader.Key(e.taskId(), e.subtaskId()))
                    .toList());
        } catch (RuntimeException e) {
            log.warn(
                    "Reading {} claimed subtasks ahead failed; each is read on its own: {}",
                    claimed.size(),
                    e.getMessage());
        }
    }

    /**
     * Runs a claimed attempt (its reservation is taken); the reservation is given back when it ends.
     *
     * @param claimSent {@link System#nanoTime} just before the claim was sent: the lease holds at
     *     least a lease's length from then
     */
    public void start(QueueTaskDispatched event, Attempt attempt, long claimSent, Reporter reporter) {
        try {
            executor.execute(() -> run(event, attempt, claimSent, reporter));
        } catch (RejectedExecutionException stopped) {
            // Claimed while the worker stopped: released for a retry at once, not left to its lease.
            String outcome = attempts.notStarted(attempt);
            permits.release();
            log.info("Attempt {} was claimed as the worker stopped; released ({})", attempt, outcome);
            reporter.released();
        }
    }

    private void run(QueueTaskDispatched event, Attempt attempt, long claimSent, Reporter reporter) {
        String queue = event.queueName();
        long started = System.nanoTime();
        metrics.generationStarted(queue);
        Lease lease = new Lease(claims, attempt, properties.lease(), properties.leaseRenewal(), claimSent);
        lease.heldBy(Thread.currentThread());
        long tick = Math.clamp(properties.leaseRenewal().toMillis() / 4, 10, 250);
        ScheduledFuture<?> ticks = renewals.scheduleAtFixedRate(lease, tick, tick, TimeUnit.MILLISECONDS);
        Attempts.Ended ended = null;
        try {
            ended = attempts.run(event, attempt, lease);
        } finally {
            lease.generationEnded();
            if (ended == null || ended.completion() == null) {
                ticks.cancel(false);
            } else {
                // Still renewed while the result waits to be reported, so a slow report (a
                // deadlock retried, the database briefly away) does not let the lease run out.
                unreported.put(attempt.queueTaskId(), ticks);
            }
            Thread.interrupted();
            permits.release();
        }
        Completion completion = ended.completion();
        String outcome = ended.outcome();
        metrics.generationEnded(queue, outcome, started);
        if (completion != null) {
            reporter.finished(completion);
        } else {
            reporter.released();
        }
        log.debug("Attempt {} ended {}", attempt, outcome);
    }

    /** The attempt's result was reported (whatever the answer): its lease is no longer renewed. */
    public void reported(Attempt attempt) {
        ScheduledFuture<?> renewal = unreported.remove(attempt.queueTaskId());
        if (renewal != null) {
            renewal.cancel(false);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stopping = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        renewals.shutdownNow();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the consumers (which stop in a higher phase), so no new work arrives. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
