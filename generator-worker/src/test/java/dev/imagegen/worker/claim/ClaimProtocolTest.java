package dev.imagegen.worker.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.testservers.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQL claim protocol on its own, through a session in UTC+8 to catch time-zone mistakes. */
class ClaimProtocolTest {

    private static ClaimDatabase database;
    private static JdbcClient jdbc;
    private static QueueTaskClaims claims;
    private static final Duration LEASE = Duration.ofSeconds(30);

    @BeforeAll
    static void database() {
        HikariDataSource dataSource =
                TestServers.postgres().migratedDatabase("claim_protocol").newDataSource(4);
        dataSource.setConnectionInitSql("SET TIME ZONE 'Asia/Shanghai'");
        database = ClaimDatabase.of(dataSource);
        jdbc = database.jdbc();
        claims = database.claims();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void answersQueueFullQueuePausedNotYetAndNotPendingWithoutRaising() {
        int queue = queue(1);
        long first = attempt(queue, null);
        long second = attempt(queue, null);
        long later = attempt(queue, "now() + interval '1 hour'");

        assertThat(claims.claim(first, "w1", LEASE)).isEqualTo(ClaimOutcome.CLAIMED);
        assertThat(claims.claim(first, "w2", LEASE)).isEqualTo(ClaimOutcome.NOT_PENDING);
        assertThat(claims.claim(second, "w2", LEASE)).isEqualTo(ClaimOutcome.QUEUE_FULL);
        assertThat(claims.claim(later, "w2", LEASE)).isEqualTo(ClaimOutcome.NOT_YET);
        jdbc.sql("UPDATE task_queues SET is_active = FALSE, max_concurrent_tasks = 5 WHERE id = ?")
                .param(queue)
                .update();
        assertThat(claims.claim(second, "w2", LEASE)).isEqualTo(ClaimOutcome.QUEUE_PAUSED);
        assertThat(claims.claim(999_999, "w2", LEASE)).isEqualTo(ClaimOutcome.NOT_FOUND);
        assertThat(jdbc.sql("SELECT lease_until > now() + interval '29 seconds' FROM queue_tasks WHERE id = ?")
                        .param(first)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aStaleWorkerCannotRenewCompleteOrFailANewerAttempt() {
        int queue = queue(2);
        long first = attempt(queue, null);
        assertThat(claims.claim(first, "stale", Duration.ofMillis(1))).isEqualTo(ClaimOutcome.CLAIMED);
        jdbc.sql("SELECT pg_sleep(0.01)").query(Object.class).list();
        assertThat(sweep()).containsExactly(1, 0, 1);
        long second = jdbc.sql("SELECT max(id) FROM queue_tasks WHERE queue_id = ?")
                .param(queue)
                .query(Long.class)
                .single();
        assertThat(claims.claim(second, "fresh", LEASE)).isEqualTo(ClaimOutcome.CLAIMED);

        Attempt stale = new Attempt(first, "stale", 1);
        Attempt wrongAttempt = new Attempt(second, "stale", 2);
        assertThat(claims.renew(stale, LEASE)).isEqualTo(RenewOutcome.LOST);
        assertThat(claims.complete(stale, "{\"url\":\"stale\"}")).isEqualTo(CompleteOutcome.LOST);
        assertThat(claims.fail(stale, "boom", false, false)).isEqualTo(FailOutcome.LOST);
        assertThat(claims.complete(wrongAttempt, "{\"url\":\"stale\"}")).isEqualTo(CompleteOutcome.LOST);
        assertThat(claims.complete(new Attempt(second, "fresh", 2), "{\"url\":\"fresh\"}"))
                .isEqualTo(CompleteOutcome.COMPLETED);
        assertThat(jdbc.sql("SELECT result->>'url' || ' ' || retry_count FROM subtasks WHERE id ="
                                + " (SELECT subtask_id FROM queue_tasks WHERE id = ?)")
                        .param(second)
                        .query(String.class)
                        .single())
                .isEqualTo("fresh 1");
    }

    @Test
    void aRetryWaitsInSubtaskRetriesUntilDueAndIsDroppedWhenItsSubtaskIsCancelled() {
        int queue = queue(2);
        jdbc.sql("UPDATE task_queues SET retry_backoff = interval '1 hour', retry_backoff_max = interval '1 hour'"
                        + " WHERE id = ?")
                .param(queue)
                .update();
        long first = attempt(queue, null);
        claims.claim(first, "w", LEASE);
        assertThat(claims.fail(new Attempt(first, "w", 1), "backend down", true, false))
                .isEqualTo(FailOutcome.RETRY_SCHEDULED);
        assertThat(sweep()).containsExactly(0, 0, 0);
        assertThat(count("SELECT count(*) FROM queue_tasks WHERE queue_id = ?", queue))
                .isEqualTo(1);

        jdbc.sql("UPDATE subtask_retries SET due_at = now() - interval '1 second'")
                .update();
        jdbc.sql(
                        "UPDATE subtasks SET status = 'cancelled' WHERE id = (SELECT subtask_id FROM queue_tasks WHERE id = ?)")
                .param(first)
                .update();
        assertThat(sweep()).containsExactly(0, 0, 0);
        assertThat(count("SELECT count(*) FROM subtask_retries", null)).isZero();
        assertThat(count("SELECT count(*) FROM queue_tasks WHERE queue_id = ?", queue))
                .isEqualTo(1);
    }

    @Test
    void onlyOneSweeperWorksAtATime() throws Exception {
        try (Connection holder = database.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT * FROM sweep_queue_tasks(interval '1 hour')")) {
                rs.next();
                assertThat(rs.getObject("rescued_leases")).isNotNull();
            }
            // The first sweep's transaction is still open: a second sweeper backs off.
            assertThat(jdbc.sql("SELECT rescued_leases FROM sweep_queue_tasks(interval '1 hour')")
                            .query((rs, n) -> String.valueOf(rs.getObject(1)))
                            .single())
                    .isEqualTo("null");
            holder.rollback();
        }
    }

    private static List<Integer> sweep() {
        return jdbc.sql("SELECT * FROM sweep_queue_tasks(interval '1 hour')")
                .query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                .single();
    }

    private static long count(String sql, Object param) {
        var statement = jdbc.sql(sql);
        if (param != null) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }

    private static int queue(int max) {
        return ClaimTestData.queue(jdbc, max);
    }

    private static long attempt(int queue, String notBefore) {
        return ClaimTestData.attempt(jdbc, queue, notBefore);
    }
}
