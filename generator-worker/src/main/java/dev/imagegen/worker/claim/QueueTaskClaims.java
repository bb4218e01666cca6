package dev.imagegen.worker.claim;

import java.time.Duration;
import java.util.function.Supplier;
import org.postgresql.util.PGInterval;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Claims, renews, completes and fails attempts; every call after the claim is fenced by worker and attempt. */
@Component
public class QueueTaskClaims {

    private static final String CLAIM = "SELECT claim_queue_task(:id, :worker, :lease)";
    private static final String RENEW = "SELECT renew_lease(:id, :worker, :attempt, :lease)";
    private static final String COMPLETE = "SELECT complete_queue_task(:id, :worker, :attempt, CAST(:result AS jsonb))";
    private static final String FAIL = "SELECT fail_queue_task(:id, :worker, :attempt, :error, :retryable, :atOnce)";

    /** Deadlocks with other writers (a cancel touching the same rows) are retried this often. */
    private static final int LOCK_RETRIES = 5;

    private final JdbcClient jdbc;

    QueueTaskClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Tries to claim the attempt for the worker, leased for {@code lease}. */
    public ClaimOutcome claim(long queueTaskId, String workerId, Duration lease) {
        return ClaimOutcome.of(retryOnLockFailure(() -> jdbc.sql(CLAIM)
                .param("id", queueTaskId)
                .param("worker", workerId)
                .param("lease", interval(lease))
                .query(String.class)
                .single()));
    }

    /** Extends the lease: renewed, cancelled (stop and report) or lost (no longer ours). */
    public String renew(Attempt attempt, Duration lease) {
        return retryOnLockFailure(() -> fenced(RENEW, attempt)
                .param("lease", interval(lease))
                .query(String.class)
                .single());
    }

    /** Reports success: completed, cancelled (result discarded) or lost. */
    public String complete(Attempt attempt, String resultJson) {
        return retryOnLockFailure(() -> fenced(COMPLETE, attempt)
                .param("result", resultJson)
                .query(String.class)
                .single());
    }

    /** Reports failure: retry_scheduled, failed, cancelled or lost. */
    public String fail(Attempt attempt, String error, boolean retryable, boolean retryAtOnce) {
        return retryOnLockFailure(() -> fenced(FAIL, attempt)
                .param("error", error)
                .param("retryable", retryable)
                .param("atOnce", retryAtOnce)
                .query(String.class)
                .single());
    }

    private JdbcClient.StatementSpec fenced(String sql, Attempt attempt) {
        return jdbc.sql(sql)
                .param("id", attempt.queueTaskId())
                .param("worker", attempt.workerId())
                .param("attempt", attempt.attempt());
    }

    private static PGInterval interval(Duration duration) {
        return new PGInterval(0, 0, 0, 0, 0, duration.toNanos() / 1e9);
    }

    private static <T> T retryOnLockFailure(Supplier<T> call) {
        for (int tries = 1; ; tries++) {
            try {
                return call.get();
            } catch (PessimisticLockingFailureException e) {
                if (tries >= LOCK_RETRIES) {
                    throw e;
                }
            }
        }
    }
}
