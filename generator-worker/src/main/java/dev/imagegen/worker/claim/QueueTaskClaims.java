package dev.imagegen.worker.claim;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.postgresql.util.PGInterval;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.stereotype.Component;

/**
 * Claims, renews, completes and fails attempts; every call after the claim is fenced by worker and
 * attempt. Claims and completions also go in batches: {@link #settle} reports finished generations
 * and claims the next attempts in one statement ({@code settle_queue_tasks}), so a slot handed from
 * one attempt to the next of the same queue is never seen free by anyone else.
 */
@Component
public class QueueTaskClaims {

    private static final String CLAIM = "SELECT claim_queue_task(:id, :worker, :lease)";
    private static final String RENEW = "SELECT renew_lease(:id, :worker, :attempt, :lease)";
    private static final String FAIL = """
            SELECT fail_queue_task(:id, :worker, :attempt, :error, :retryable, :atOnce, CAST(:retryAfter AS interval))
            """;

    private static final String SETTLE = """
            SELECT queue_task_id, kind, outcome
              FROM settle_queue_tasks(:worker, :lease, :doneIds, :doneAttempts, CAST(:doneResults AS jsonb[]), :claimIds)
            """;

    /** Deadlocks with other writers (a cancel touching the same rows) are retried this often. */
    private static final int LOCK_RETRIES = 5;

    private final JdbcClient jdbc;

    public QueueTaskClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Tries to claim one attempt for the worker, leased for {@code lease}. */
    public ClaimOutcome claim(long queueTaskId, String workerId, Duration lease) {
        return ClaimOutcome.of(retryOnLockFailure(() -> jdbc.sql(CLAIM)
                .param("id", queueTaskId)
                .param("worker", workerId)
                .param("lease", interval(lease))
                .query(String.class)
                .single()));
    }

    /**
     * Reports {@code completions} (all of {@code workerId}), then claims the attempts {@code claimIds}
     * for it, in one transaction. Either list may be empty. Within a queue, the claims take the free
     * slots in the order given.
     */
    public Settled settle(String workerId, List<Completion> completions, List<Long> claimIds, Duration lease) {
        Object[] doneIds =
                completions.stream().map(c -> c.attempt().queueTaskId()).toArray();
        Object[] doneAttempts =
                completions.stream().map(c -> c.attempt().attempt()).toArray();
        Object[] doneResults = completions.stream().map(Completion::resultJson).toArray();
        Object[] claims = claimIds.stream().distinct().toArray();
        return retryOnLockFailure(() -> {
            Map<Long, CompleteOutcome> completed = new LinkedHashMap<>();
            Map<Long, ClaimOutcome> claimed = new LinkedHashMap<>();
            jdbc.sql(SETTLE)
                    .param("worker", workerId)
                    .param("lease", interval(lease))
                    .param("doneIds", array("bigint", doneIds))
                    .param("doneAttempts", array("integer", doneAttempts))
                    .param("doneResults", array("text", doneResults))
                    .param("claimIds", array("bigint", claims))
                    .query((rs, n) -> "complete".equals(rs.getString(2))
                            ? completed.put(rs.getLong(1), CompleteOutcome.of(rs.getString(3)))
                            : claimed.put(rs.getLong(1), ClaimOutcome.of(rs.getString(3))))
                    .list();
            return new Settled(completed, claimed);
        });
    }

    /** Extends the lease: renewed, cancelled (stop and report) or lost (no longer ours). */
    public RenewOutcome renew(Attempt attempt, Duration lease) {
        return RenewOutcome.of(retryOnLockFailure(() -> fenced(RENEW, attempt)
                .param("lease", interval(lease))
                .query(String.class)
                .single()));
    }

    /** Reports success of one attempt: completed, cancelled (result discarded) or lost. */
    public CompleteOutcome complete(Attempt attempt, String resultJson) {
        Map<Long, CompleteOutcome> outcome = settle(
                        attempt.workerId(), List.of(new Completion(attempt, resultJson)), List.of(), Duration.ZERO)
                .completions();
        return outcome.get(attempt.queueTaskId());
    }

    /** Reports failure: retry_scheduled, failed, cancelled or lost. */
    public FailOutcome fail(Attempt attempt, String error, boolean retryable, boolean retryAtOnce) {
        return fail(attempt, error, retryable, retryAtOnce, null);
    }

    /**
     * Reports failure; a retry is due no sooner than {@code retryAfter} from now (the backend's own
     * wait, such as a 429's retry-after), nor before the queue's back-off. Null: the back-off alone.
     */
    public FailOutcome fail(
            Attempt attempt, String error, boolean retryable, boolean retryAtOnce, Duration retryAfter) {
        return FailOutcome.of(retryOnLockFailure(() -> fenced(FAIL, attempt)
                .param("error", error)
                .param("retryable", retryable)
                .param("atOnce", retryAtOnce)
                .param("retryAfter", retryAfter == null ? null : interval(retryAfter))
                .query(String.class)
                .single()));
    }

    private JdbcClient.StatementSpec fenced(String sql, Attempt attempt) {
        return jdbc.sql(sql)
                .param("id", attempt.queueTaskId())
                .param("worker", attempt.workerId())
                .param("attempt", attempt.attempt());
    }

    private static AbstractSqlTypeValue array(String elementType, Object[] values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Array createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf(elementType, values);
            }
        };
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
