package dev.imagegen.worker.generation;

import dev.imagegen.worker.claim.Attempt;
import dev.imagegen.worker.claim.QueueTaskClaims;
import dev.imagegen.worker.claim.RenewOutcome;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renews one attempt's lease; interrupts its generation when the subtask was cancelled or the lease lost. */
final class LeaseKeeper implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final QueueTaskClaims claims;
    private final Attempt attempt;
    private final Duration lease;
    private final Thread generation;
    private volatile boolean cancelled;

    LeaseKeeper(QueueTaskClaims claims, Attempt attempt, Duration lease, Thread generation) {
        this.claims = claims;
        this.attempt = attempt;
        this.lease = lease;
        this.generation = generation;
    }

    @Override
    public void run() {
        try {
            RenewOutcome outcome = claims.renew(attempt, lease);
            if (outcome != RenewOutcome.RENEWED && !cancelled) {
                cancelled = true;
                generation.interrupt();
            }
        } catch (RuntimeException e) {
            // The next renewal tries again; the lease is long enough to miss one.
            log.warn("Lease renewal of {} failed: {}", attempt, e.getMessage());
        }
    }

    /** Whether the generation was stopped because the work is no longer wanted. */
    boolean cancelled() {
        return cancelled;
    }
}
