package dev.imagegen.worker.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A record can reach its worker a moment before its attempt is visible to other transactions (logical decoding
 * publishes a commit once its record is flushed, before the committing backend makes it visible). A settle that did not
 * see the attempt when it chose what to start, but sees it pending by the time it answers, must answer not_found (look
 * again), never not_pending: the worker skips a not_pending record for good, and the attempt would wait for the
 * sweeper's unclaimed-timeout.
 */
class ClaimVisibilityTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static ClaimDatabase database;
    private static JdbcClient jdbc;
    private static QueueTaskClaims claims;

    @BeforeAll
    static void database() {
        database = ClaimDatabase.migrated("claim_visibility");
        jdbc = database.jdbc();
        claims = database.claims();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void anAttemptThatBecomesVisibleDuringTheSettleIsLookedUpAgainNotSkipped() throws Exception {
        int queue = ClaimTestData.queue(jdbc, 5);
        long running = ClaimTestData.attempt(jdbc, queue, null);
        assertThat(claim("w1", running)).containsEntry(running, ClaimOutcome.CLAIMED);
        UUID task = jdbc.sql("SELECT task_id FROM queue_tasks WHERE id = ?")
                .param(running)
                .query(UUID.class)
                .single();
        UUID other = jdbc.sql("INSERT INTO subtasks (task_id) VALUES (?) RETURNING id")
                .param(task)
                .query(UUID.class)
                .single();

        long late;
        CompletableFuture<Settled> settle;
        try (Connection inserting = database.dataSource().getConnection()) {
            inserting.setAutoCommit(false);
            // The inserting transaction holds the running attempt's subtask, so the settle below waits for it
            // after it chose what to start (the new attempt was not visible then) and before it answers.
            try (PreparedStatement lock = inserting.prepareStatement(
                    "SELECT 1 FROM subtasks s JOIN queue_tasks qt ON qt.task_id = s.task_id AND qt.subtask_id = s.id"
                            + " WHERE qt.id = ? FOR UPDATE OF s")) {
                lock.setLong(1, running);
                lock.executeQuery().close();
            }
            try (PreparedStatement insert = inserting.prepareStatement(
                    "INSERT INTO queue_tasks (queue_id, task_id, subtask_id) VALUES (?, ?, ?) RETURNING id")) {
                insert.setInt(1, queue);
                insert.setObject(2, task);
                insert.setObject(3, other);
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    late = rows.getLong(1);
                }
            }
            settle = CompletableFuture.supplyAsync(() -> claims.settle(
                    "w1", List.of(new Completion(new Attempt(running, "w1", 1), "{}")), List.of(late), LEASE));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql(
                                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%settle_queue_tasks%'")
                                    .query(Long.class)
                                    .single()
                            > 0);
            inserting.commit();
        }

        Settled settled = settle.get();
        assertThat(settled.completions()).containsEntry(running, CompleteOutcome.COMPLETED);
        assertThat(settled.claims())
                .as("invisible when the settle chose, pending when it answered: looked up again")
                .containsEntry(late, ClaimOutcome.NOT_FOUND);
        assertThat(claim("w1", late)).as("the next lookup claims it").containsEntry(late, ClaimOutcome.CLAIMED);
    }

    private static java.util.Map<Long, ClaimOutcome> claim(String worker, long id) {
        return claims.settle(worker, List.of(), List.of(id), LEASE).claims();
    }
}
