package dev.imagegen.worker.generation;

import dev.imagegen.events.QueueTaskDispatched;
import dev.imagegen.worker.WorkerProperties;
import dev.imagegen.worker.backend.BackendException;
import dev.imagegen.worker.claim.Attempt;
import dev.imagegen.worker.claim.QueueTaskClaims;
import dev.imagegen.worker.consume.PausedQueues;
import dev.imagegen.worker.metrics.WorkerMetrics;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs claimed generations on virtual threads, at most {@code max-in-flight} at once, renewing
 * each lease while it runs and reporting the outcome. Stops after the Kafka listeners: running
 * work gets {@code shutdown-timeout} to finish, then is interrupted and released for a retry.
 */
@Component
public class GenerationRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GenerationRunner.class);

    private final WorkerProperties properties;
    private final SubtaskGenerator generator;
    private final QueueTaskClaims claims;
    private final PausedQueues paused;
    private final WorkerMetrics metrics;
    private final Semaphore permits;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("generation-", 0).factory());
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lease-renewal").factory());
    private volatile boolean running;
    private volatile boolean stopping;

    GenerationRunner(
            WorkerProperties properties,
            SubtaskGenerator generator,
            QueueTaskClaims claims,
            PausedQueues paused,
            WorkerMetrics metrics) {
        this.properties = properties;
        this.generator = generator;
        this.claims = claims;
        this.paused = paused;
        this.metrics = metrics;
        this.permits = new Semaphore(properties.maxInFlight());
    }

    /** Reserves room for one generation before claiming; false when this worker is at capacity. */
    public boolean tryReserve() {
        return !stopping && permits.tryAcquire();
    }

    /** Gives back a reservation that did not lead to a claim. */
    public void unreserve() {
        permits.release();
    }

    /** Runs a claimed attempt (its reservation is taken). */
    public void start(QueueTaskDispatched event, Attempt attempt) {
        executor.execute(() -> run(event, attempt));
    }

    private void run(QueueTaskDispatched event, Attempt attempt) {
        String queue = event.queueName();
        long started = System.nanoTime();
        metrics.generationStarted(queue);
        Thread worker = Thread.currentThread();
        LeaseKeeper lease = new LeaseKeeper(claims, attempt, properties.lease(), worker);
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(
                lease,
                properties.leaseRenewal().toMillis(),
                properties.leaseRenewal().toMillis(),
                TimeUnit.MILLISECONDS);
        String outcome = "unreported";
        try {
            String result = generator.generate(event);
            renewal.cancel(false);
            outcome = claims.complete(attempt, result);
        } catch (InterruptedException e) {
            renewal.cancel(false);
            outcome = lease.cancelled()
                    ? claims.complete(attempt, null)
                    : claims.fail(attempt, "worker stopped during generation", true, true);
        } catch (BackendException e) {
            renewal.cancel(false);
            outcome = claims.fail(attempt, e.getMessage(), e.retryable(), false);
        } catch (RuntimeException e) {
            renewal.cancel(false);
            log.warn("Generation of {} failed", attempt, e);
            outcome = reportUnexpected(attempt, e);
        } finally {
            Thread.interrupted();
            boolean wasFull = permits.availablePermits() == 0;
            permits.release();
            metrics.generationEnded(queue, outcome, started);
            paused.resume(queue);
            if (wasFull) {
                paused.resumeAll();
            }
        }
        log.debug("Attempt {} ended {}", attempt, outcome);
    }

    private String reportUnexpected(Attempt attempt, RuntimeException e) {
        try {
            return claims.fail(attempt, e.getClass().getSimpleName() + ": " + e.getMessage(), true, false);
        } catch (RuntimeException reportFailed) {
            // The lease runs out and the sweeper retries the attempt.
            log.warn("Could not report failure of {}", attempt, reportFailed);
            return "unreported";
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

    /** Stops after the listener containers (which stop in a higher phase), so no new work arrives. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
