package dev.imagegen.worker.generation;

import dev.imagegen.worker.claim.Attempt;
import dev.imagegen.worker.claim.QueueTaskClaims;
import dev.imagegen.worker.claim.RenewOutcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This worker's hold on one claimed attempt, as far as the worker can know it without asking. A
 * claim or renewal sent at time t holds at least until t + lease, because PostgreSQL sets the expiry
 * from its own {@code now()}, which is later. So the worker never needs the database to know when
 * its lease may have run out, and stops its generation a renewal interval before then: the sweeper
 * cannot hand the subtask to another worker while this one still generates it.
 *
 * <p>{@link #run} is the scheduler's tick: it never waits for the database; renewals run on their own
 * virtual thread, one at a time, so a renewal stuck on an unreachable database delays no other lease
 * and no fencing decision.
 */
final class Lease implements Runnable {

    /** Why a generation must stop. */
    enum Loss {
        /** The subtask was cancelled: the generation stops and reports a cancellation. */
        CANCELLED,
        /** The attempt is no longer this worker's. */
        LOST,
        /** No renewal got through in time: the lease could run out while the generation still runs. */
        EXPIRING
    }

    private static final Logger log = LoggerFactory.getLogger(Lease.class);

    private final QueueTaskClaims claims;
    private final Attempt attempt;
    private final Duration length;
    private final long renewEvery;
    private final AtomicBoolean renewing = new AtomicBoolean();
    private volatile long heldUntil;
    private volatile long renewedAt;
    private volatile Loss loss;
    private volatile Thread generation;

    /**
     * @param claimSent {@link System#nanoTime} just before the claim was sent
     * @param renewEvery how often it is renewed; also how long before the end a generation stops
     */
    Lease(QueueTaskClaims claims, Attempt attempt, Duration length, Duration renewEvery, long claimSent) {
        this.claims = claims;
        this.attempt = attempt;
        this.length = length;
        this.renewEvery = renewEvery.toNanos();
        this.heldUntil = claimSent + length.toNanos();
        this.renewedAt = claimSent;
    }

    Attempt attempt() {
        return attempt;
    }

    /** The thread generating under this lease; it is interrupted when the lease is lost. */
    void heldBy(Thread thread) {
        this.generation = thread;
    }

    /** The generation ended: no thread is interrupted any more, renewals go on until released. */
    void generationEnded() {
        this.generation = null;
    }

    /** The tick: stops a generation whose lease is about to run out, and starts a renewal when one is due. */
    @Override
    public void run() {
        long now = System.nanoTime();
        if (loss == null && generation != null && heldUntil - now < renewEvery) {
            lose(Loss.EXPIRING);
            log.warn(
                    "Lease of {} could not be renewed in time; its generation stops before the lease runs out",
                    attempt);
        }
        if (now - renewedAt >= renewEvery && renewing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("lease-" + attempt.queueTaskId()).start(() -> {
                try {
                    renewOnce();
                } finally {
                    renewing.set(false);
                }
            });
        }
    }

    /**
     * Called by the generation just before it asks the backend for work: makes sure at least half a
     * lease is left, renewing in place when it is not (a claim that waited, a database that was
     * away). Throws when the lease is lost or cannot be made long enough.
     */
    void ensureHeld() throws LeaseLostException {
        if (loss == null && heldUntil - System.nanoTime() < length.toNanos() / 2) {
            renewOnce();
        }
        if (loss != null) {
            throw new LeaseLostException(attempt, loss);
        }
        if (heldUntil - System.nanoTime() < renewEvery) {
            lose(Loss.EXPIRING);
            throw new LeaseLostException(attempt, Loss.EXPIRING);
        }
    }

    /** Why the generation must stop, or null while the lease holds. */
    Loss loss() {
        return loss;
    }

    private void renewOnce() {
        long sent = System.nanoTime();
        try {
            RenewOutcome outcome = claims.renew(attempt, length);
            renewedAt = sent;
            switch (outcome) {
                case RENEWED -> heldUntil = Math.max(heldUntil, sent + length.toNanos());
                case CANCELLED -> {
                    heldUntil = Math.max(heldUntil, sent + length.toNanos());
                    lose(Loss.CANCELLED);
                }
                case LOST -> lose(Loss.LOST);
            }
        } catch (RuntimeException e) {
            // Tried again at the next tick; the generation stops before the lease could run out.
            log.warn("Lease renewal of {} failed: {}", attempt, e.getMessage());
        }
    }

    private void lose(Loss why) {
        if (loss == null) {
            loss = why;
            Thread thread = generation;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /** The generation may not go on: its lease is lost or about to run out. */
    static final class LeaseLostException extends Exception {
        private final Loss loss;

        LeaseLostException(Attempt attempt, Loss loss) {
            super("lease of " + attempt + ": " + loss.name().toLowerCase(java.util.Locale.ROOT));
            this.loss = loss;
        }

        Loss loss() {
            return loss;
        }
    }
}
