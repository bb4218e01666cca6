package dev.imagegen.schema;

import static dev.imagegen.schema.QueueStatusRecount.assertViewEqualsRecount;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V130-V133: queue_status reads counters kept by triggers, and they equal V019's aggregate. */
class QueueTaskCountsTest {

    static SchemaDatabase db;
    static WorkerCalls calls;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("queue_task_counts");
        calls = new WorkerCalls(db.jdbc);
    }

    /** A queue of this test's own (counts are history: other tests' deletes would show in a shared one). */
    static int newQueue(String name) {
        return db.jdbc.sql("""
                INSERT INTO task_queues (name, max_concurrent_tasks, retry_backoff, retry_backoff_max)
                VALUES (?, 100, INTERVAL '0', INTERVAL '0') RETURNING id
                """).param(name).query(Integer.class).single();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theMigrationBackfillsWhatTheOldViewAggregated() {
        TestDatabase database = TestServers.postgres().createDatabase("counts_backfill");
        Flyway all = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .load();
        MigrationVersion lastBefore = Arrays.stream(all.info().all())
                .map(MigrationInfo::getVersion)
                .filter(v -> v != null && !v.isAtLeast("130"))
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .target(lastBefore)
                .load()
                .migrate();
        try (HikariDataSource dataSource = database.newDataSource(2)) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            int user = jdbc.sql("INSERT INTO users (username, hashed_password) VALUES ('old', 'x') RETURNING id")
                    .query(Integer.class)
                    .single();
            UUID task = jdbc.sql("INSERT INTO tasks (name, user_id) VALUES ('history', ?) RETURNING id")
                    .param(user)
                    .query(UUID.class)
                    .single();
            jdbc.sql("INSERT INTO subtasks (task_id, variable_indices) SELECT ?, jsonb_build_object('v0', i)"
                            + " FROM generate_series(0, 2999) AS i")
                    .param(task)
                    .update();
            jdbc.sql("UPDATE task_queues SET max_concurrent_tasks = 1000").update();
            // Every status on the three seeded queues; run times in microseconds, some completions untimed.
            jdbc.sql("""
                    INSERT INTO queue_tasks (queue_id, task_id, subtask_id, status, attempt, started_at, completed_at)
                    SELECT 1 + n % 3, s.task_id, s.id,
                           (ARRAY['pending', 'completed', 'failed', 'cancelled', 'completed', 'processing'])[1 + n % 6],
                           1 + n % 2,
                           CASE WHEN n % 7 <> 0 THEN now() - make_interval(secs => n * 0.001237) END,
                           now() - make_interval(secs => n % 5 * 0.3)
                      FROM (SELECT task_id, id, row_number() OVER (ORDER BY id) AS n FROM subtasks) AS s
                    """).update();
            List<?> old = QueueStatusRecount.recounted(jdbc);

            all.migrate();

            assertThat(QueueStatusRecount.counted(jdbc)).isEqualTo(old);
            assertThat(QueueStatusRecount.drifted(jdbc)).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM queue_task_counts")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(3);
        }
    }

    @Test
    void countsFollowInsertsClaimsSettlesFailuresRetriesAndCancels() {
        int queue = newQueue("counted");
        UUID task = db.createTask(db.createUser("counted"), "counted");
        db.insertSubtasks(task, 12);
        List<Long> ids = calls.enqueue(queue, task);
        assertViewEqualsRecount(db.jdbc, queue);

        assertThat(calls.settle("w1", List.of(), ids.subList(0, 6))).containsOnly("claimed");
        assertViewEqualsRecount(db.jdbc, queue);
        assertThat(calls.settle("w1", ids.subList(0, 3), ids.subList(6, 9))).containsOnly("completed", "claimed");
        assertViewEqualsRecount(db.jdbc, queue);

        assertThat(calls.renew(ids.get(3), "w1")).isEqualTo("renewed");
        assertThat(calls.fail(ids.get(4), "w1", true)).isEqualTo("retry_scheduled");
        assertThat(calls.fail(ids.get(5), "w1", false)).isEqualTo("failed");
        assertViewEqualsRecount(db.jdbc, queue);
        calls.sweep();
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM queue_tasks WHERE attempt = 2")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertViewEqualsRecount(db.jdbc, queue);

        assertThat(calls.claimOne(ids.get(9), "w2")).isEqualTo("claimed");
        assertThat(calls.completeOne(ids.get(9), "w2")).isEqualTo("completed");
        assertViewEqualsRecount(db.jdbc, queue);

        assertThat(calls.cancelPending(task)).isEqualTo(3);
        assertViewEqualsRecount(db.jdbc, queue);
        assertThat(calls.retryFailed(task)).isEqualTo(1);
        assertViewEqualsRecount(db.jdbc, queue);
        assertThat(QueueStatusRecount.counted(db.jdbc))
                .filteredOn(row -> row.get("id").equals(queue))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("total_tasks")).isEqualTo(14L);
                    assertThat(row.get("completed_tasks")).isEqualTo(4L);
                    assertThat(row.get("avg_processing_time_seconds")).isNotNull();
                });
    }

    @Test
    void aDeletedWaitingAttemptIsCountedOutAndAFinishedOneStaysCounted() {
        int queue = newQueue("deleted");
        UUID task = db.createTask(db.createUser("deleted"), "deleted");
        db.insertSubtasks(task, 4);
        List<Long> ids = calls.enqueue(queue, task);
        calls.settle("w3", List.of(), ids.subList(0, 2));
        calls.settle("w3", ids.subList(0, 1), List.of());
        List<Map<String, Object>> before = QueueStatusRecount.counted(db.jdbc);

        // A hard delete of the task cascades to its attempts: 1 completed, 1 running, 2 waiting.
        db.jdbc.sql("DELETE FROM tasks WHERE id = ?").param(task).update();

        assertThat(QueueStatusRecount.drifted(db.jdbc)).isEmpty();
        List<Map<String, Object>> after = QueueStatusRecount.counted(db.jdbc);
        assertThat(QueueStatusRecount.current(after))
                .isEqualTo(QueueStatusRecount.current(QueueStatusRecount.recounted(db.jdbc)));
        Map<String, Object> was = ofQueue(before, queue);
        Map<String, Object> is = ofQueue(after, queue);
        assertThat(is.get("completed_tasks")).isEqualTo(was.get("completed_tasks"));
        assertThat((Long) is.get("total_tasks")).isEqualTo((Long) was.get("total_tasks") - 3);
        assertThat((Long) is.get("pending_tasks")).isEqualTo((Long) was.get("pending_tasks") - 2);
    }

    @Test
    void noStatusChangeWritesNoCounter() {
        int queue = newQueue("renewed");
        UUID task = db.createTask(db.createUser("renewer"), "renewed");
        db.insertSubtasks(task, 1);
        long id = calls.enqueue(queue, task).getFirst();
        calls.settle("w4", List.of(), List.of(id));
        String rows = "SELECT string_agg(ctid::text || xmin::text, ',' ORDER BY stripe) FROM queue_task_counts"
                + " WHERE queue_id = " + queue;
        String before = db.jdbc.sql(rows).query(String.class).single();

        assertThat(calls.renew(id, "w4")).isEqualTo("renewed");

        assertThat(db.jdbc.sql(rows).query(String.class).single()).isEqualTo(before);
    }

    private static Map<String, Object> ofQueue(List<Map<String, Object>> rows, int queue) {
        return rows.stream().filter(r -> r.get("id").equals(queue)).findFirst().orElseThrow();
    }
}
