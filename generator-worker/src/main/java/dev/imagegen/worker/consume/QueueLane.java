package dev.imagegen.worker.consume;

import dev.imagegen.worker.WorkerProperties;
import dev.imagegen.worker.claim.Attempt;
import dev.imagegen.worker.claim.ClaimOutcome;
import dev.imagegen.worker.claim.Completion;
import dev.imagegen.worker.claim.QueueTaskClaims;
import dev.imagegen.worker.claim.Settled;
import dev.imagegen.worker.generation.GenerationRunner;
import dev.imagegen.worker.metrics.WorkerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue's work in this worker: the dispatch records waiting in memory, in arrival order, and
 * the finished generations waiting to be reported. One thread settles both in batches: each
 * transaction reports what finished and claims as many waiting records as the queue and this
 * worker have room for, so a slot freed by a finished generation goes straight to the next record
 * without ever being seen free. When the queue is full or paused, the lane sleeps until it is
 * signalled: a generation of its own finished, PostgreSQL notified a freed slot, or the fallback
 * timer fired.
 */
final class QueueLane implements GenerationRunner.Reporter {

    private static final Logger log = LoggerFactory.getLogger(QueueLane.class);
    /**
     * A record whose attempt is not visible yet is asked for again after 5, 10, ... 640 ms (about
     * 1.3 s in all), then skipped.
     */
    private static final int LOOKUPS = 9;

    private final String queue;
    private final WorkerProperties properties;
    private final QueueTaskClaims claims;
    private final GenerationRunner runner;
    private final WorkerMetrics metrics;
    private final QueueLanes lanes;
    private final WaitingRecords waiting = new WaitingRecords();
    private final ConcurrentLinkedQueue<Completion> finished = new ConcurrentLinkedQueue<>();
    private final Semaphore signal = new Semaphore(0);
    private final Thread thread;
    private volatile boolean blocked;
    private volatile boolean claiming = true;
    private volatile boolean open = true;
    private volatile long signalledAt;

    QueueLane(
            String queue,
            WorkerProperties properties,
            QueueTaskClaims claims,
            GenerationRunner runner,
            WorkerMetrics metrics,
            QueueLanes lanes) {
        this.queue = queue;
        this.properties = properties;
        this.claims = claims;
        this.runner = runner;
        this.metrics = metrics;
        this.lanes = lanes;
        this.thread = Thread.ofVirtual().name("lane-" + queue).start(this::loop);
    }

    /** A record read from Kafka (consumer thread). */
    void offer(Parked record) {
        waiting.add(record);
        signal();
    }

    /** Records waiting in memory, for back-pressure. */
    int backlog() {
        return waiting.size();
    }

    /** Forgets the records of a partition this worker no longer owns; they are redelivered to its new owner. */
    void drop(Predicate<Parked> ofPartition) {
        waiting.drop(ofPartition);
    }

    /** The queue may take a claim again (a freed slot, a resume, a raised limit), or this worker has room again. */
    void signal() {
        signalledAt = System.nanoTime();
        blocked = false;
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** A notification from PostgreSQL for this queue. */
    void slotFreed() {
        if (backlog() > 0) {
            metrics.slotFreed(queue);
        }
        signal();
    }

    @Override
    public void finished(Completion completion) {
        finished.add(completion);
        signal();
        lanes.roomFreed(this);
    }

    @Override
    public void released() {
        signal();
        lanes.roomFreed(this);
    }

    boolean waitsForRoom() {
        return !blocked && backlog() > 0;
    }

    private void loop() {
        long pause = 0;
        while (open || !finished.isEmpty()) {
            try {
                if (pause > 0) {
                    Thread.sleep(pause);
                } else {
                    awaitSignal();
                }
                pause = settleOnce() ? 0 : pause;
            } catch (InterruptedException e) {
                if (!open) {
                    break;
                }
            } catch (RuntimeException e) {
                pause = pause == 0 ? 200 : Math.min(pause * 2, 5_000);
                log.warn("Queue {}: settling failed, again in {} ms: {}", queue, pause, e.getMessage());
            }
        }
    }

    private void awaitSignal() throws InterruptedException {
        long wait = properties.resumeFallback().toMillis();
        long next = waiting.nextRetry();
        if (next > 0) {
            wait = Math.max(1, Math.min(wait, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime())));
        }
        if (!signal.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
            // The fallback: try a full or paused queue again even without a notification.
            blocked = false;
        }
        signal.drainPermits();
    }

    /**
     * One transaction: reports finished generations and claims what fits. Returns false when it
     * failed (the work is put back and tried again after a pause).
     */
    private boolean settleOnce() {
        List<Completion> done = new ArrayList<>();
        for (Completion c; done.size() < properties.batchSize() && (c = finished.poll()) != null; ) {
            done.add(c);
        }
        List<Parked> batch = claiming && !blocked ? takeClaimable() : List.of();
        if (done.isEmpty() && batch.isEmpty()) {
            return true;
        }
        long signalled = signalledAt;
        long started = System.nanoTime();
        Settled settled;
        try {
            settled = claims.settle(
                    properties.id(),
                    done,
                    batch.stream().map(p -> p.event().queueTaskId()).toList(),
                    properties.lease());
        } catch (RuntimeException e) {
            finished.addAll(done);
            waiting.putBack(batch);
            runner.unreserve(batch.size());
            throw e;
        }
        done.forEach(c -> runner.reported(c.attempt()));
        metrics.settled(queue, done.size(), batch.size(), started);
        settled.completions().values().forEach(o -> metrics.completed(queue, o.label()));
        apply(batch, settled, signalled, started);
        if (!finished.isEmpty() || (!blocked && backlog() > 0 && runner.hasRoom())) {
            signal();
        }
        return true;
    }

    private List<Parked> takeClaimable() {
        int before = waiting.size();
        List<Parked> batch = waiting.take(available -> runner.reserve(Math.min(available, properties.batchSize())));
        int lowWater = properties.prefetch() / 2;
        if (before >= lowWater && before - batch.size() < lowWater) {
            lanes.lowWater();
        }
        return batch;
    }

    private void apply(List<Parked> batch, Settled settled, long signalled, long sent) {
        runner.prepare(batch.stream()
                .filter(p -> settled.claims().get(p.event().queueTaskId()) == ClaimOutcome.CLAIMED)
                .map(Parked::event)
                .toList());
        List<Parked> full = new ArrayList<>();
        int unused = 0;
        for (Parked p : batch) {
            ClaimOutcome outcome = settled.claims().getOrDefault(p.event().queueTaskId(), ClaimOutcome.NOT_PENDING);
            metrics.claimed(queue, outcome.name().toLowerCase(java.util.Locale.ROOT));
            switch (outcome) {
                case CLAIMED -> {
                    p.finish();
                    runner.start(
                            p.event(),
                            new Attempt(
                                    p.event().queueTaskId(),
                                    properties.id(),
                                    p.event().attempt()),
                            sent,
                            this);
                    continue;
                }
                case QUEUE_FULL, QUEUE_PAUSED -> full.add(p);
                case NOT_YET -> waiting.untilDue(p);
                case NOT_FOUND -> {
                    if (p.lookups() + 1 >= LOOKUPS) {
                        log.warn(
                                "Dispatch record {} names attempt {}, which does not exist; skipped",
                                p.offset(),
                                p.event().queueTaskId());
                        p.finish();
                    } else {
                        waiting.lookUpAgain(p);
                    }
                }
                case NOT_PENDING -> p.finish();
            }
            unused++;
        }
        runner.unreserve(unused);
        if (!full.isEmpty()) {
            waiting.putBack(full);
            // Asleep until signalled, unless a signal came in while the claim ran.
            blocked = signalledAt == signalled;
        }
    }

    /** Stops claiming; keeps reporting until {@link #close} (after the generations ended). */
    void stopClaiming() {
        claiming = false;
        signal();
    }

    void close() throws InterruptedException {
        claiming = false;
        open = false;
        signal();
        thread.join(10_000);
        thread.interrupt();
    }
}
