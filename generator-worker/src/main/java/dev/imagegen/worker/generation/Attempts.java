package dev.imagegen.worker.generation;

import dev.imagegen.events.QueueTaskDispatched;
import dev.imagegen.worker.backend.BackendException;
import dev.imagegen.worker.claim.Attempt;
import dev.imagegen.worker.claim.Completion;
import dev.imagegen.worker.claim.QueueTaskClaims;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claimed attempt's generation under its lease, and how it ended: with a completion to report
 * in the lane's next settle (a result, or a cancellation), or with a failure reported here.
 */
final class Attempts {

    /** How a generation ended: a label for the metrics, and the completion to report (or null). */
    record Ended(String outcome, Completion completion) {}

    private static final Logger log = LoggerFactory.getLogger(Attempts.class);

    private final SubtaskGenerator generator;
    private final QueueTaskClaims claims;

    Attempts(SubtaskGenerator generator, QueueTaskClaims claims) {
        this.generator = generator;
        this.claims = claims;
    }

    Ended run(QueueTaskDispatched event, Attempt attempt, Lease lease) {
        try {
            return new Ended("generated", new Completion(attempt, generator.generate(event, lease)));
        } catch (Lease.LeaseLostException e) {
            return stopped(attempt, e.loss());
        } catch (InterruptedException e) {
            return stopped(attempt, lease.loss());
        } catch (BackendException e) {
            return failed(report(
                    attempt,
                    e.getMessage(),
                    e.retryable(),
                    false,
                    e.retryAfter().orElse(null)));
        } catch (RuntimeException e) {
            log.warn("Generation of {} failed", attempt, e);
            return failed(report(attempt, e.getClass().getSimpleName() + ": " + e.getMessage(), true, false, null));
        }
    }

    /**
     * A generation stopped before its end. A cancelled one is reported with the next settle; one
     * stopped by the worker's shutdown or by a lease about to run out is released for a retry at once
     * (if the database is away too, the lease runs out and the sweeper retries it).
     */
    private Ended stopped(Attempt attempt, Lease.Loss loss) {
        return switch (loss) {
            case null -> failed(report(attempt, "worker stopped during generation", true, true, null));
            case EXPIRING -> failed(report(attempt, "the worker could not renew its lease", true, true, null));
            case CANCELLED -> new Ended("cancelled", new Completion(attempt, null));
            case LOST -> failed("lost");
        };
    }

    /** Releases a claimed attempt whose generation never started (the worker stopped); answers the outcome. */
    String notStarted(Attempt attempt) {
        return report(attempt, "worker stopped before generation", true, true, null);
    }

    private static Ended failed(String outcome) {
        return new Ended(outcome, null);
    }

    /** Reports a failure; a retry waits at least {@code retryAfter} (null: the queue's back-off alone). */
    private String report(Attempt attempt, String error, boolean retryable, boolean atOnce, Duration retryAfter) {
        try {
            return claims.fail(attempt, error, retryable, atOnce, retryAfter).label();
        } catch (RuntimeException reportFailed) {
            // The lease runs out and the sweeper retries the attempt.
            log.warn("Could not report failure of {}", attempt, reportFailed);
            return "unreported";
        }
    }
}
