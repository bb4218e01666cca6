package dev.imagegen.api.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.testservers.UsesRealServers;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

// The scheduled run would start with the context and race the test's own runs for the lock.
@SpringBootTest(
        properties = {
            "imagegen.maintenance.interval=1h",
            "imagegen.maintenance.initial-delay=1h",
            "imagegen.maintenance.months-ahead=5",
            "imagegen.maintenance.queue-task-purge-batch=2"
        })
@UsesRealServers(kafka = false)
class DatabaseMaintenanceTest {

    @Autowired
    DatabaseMaintenance maintenance;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void createsPartitionsAheadDropsOldOnesAndTrimsTheAudit() {
        jdbc.sql("""
                CREATE TABLE system_logs_y2019m05 PARTITION OF system_logs
                    FOR VALUES FROM ('2019-05-01 00:00:00+00') TO ('2019-06-01 00:00:00+00')
                """).update();
        jdbc.sql("""
                INSERT INTO trigger_logs (trigger_name, operation, table_name, created_at)
                VALUES ('stale', 'FIX', 'tasks', now() - interval '90 days')
                """).update();

        DatabaseMaintenance.MaintenanceReport report = maintenance.run();

        assertThat(report.ran()).isTrue();
        assertThat(report.droppedPartitions()).contains("system_logs_y2019m05");
        assertThat(report.trimmedTriggerLogs()).isGreaterThanOrEqualTo(1);
        String fiveMonthsAhead = jdbc.sql(
                        "SELECT to_char(now() AT TIME ZONE 'UTC' + interval '5 months', '\"_y\"YYYY\"m\"MM')")
                .query(String.class)
                .single();
        assertThat(jdbc.sql("SELECT to_regclass(?) IS NOT NULL")
                        .param("task_logs" + fiveMonthsAhead)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(maintenance.run().createdPartitions()).isEmpty();
    }

    @Test
    void deletesFinishedAttemptsPastRetentionInWindowsAndQueueStatusKeepsCountingThem() {
        int user = jdbc.sql("INSERT INTO users (username, hashed_password) VALUES ('retained', 'x') RETURNING id")
                .query(Integer.class)
                .single();
        UUID task = jdbc.sql("INSERT INTO tasks (name, user_id) VALUES ('retained', ?) RETURNING id")
                .param(user)
                .query(UUID.class)
                .single();
        jdbc.sql("""
                INSERT INTO subtasks (task_id, variable_indices, status)
                SELECT ?, jsonb_build_object('v0', i), CASE WHEN i < 6 THEN 'completed' ELSE 'pending' END::subtask_status
                  FROM generate_series(0, 6) AS i
                """).param(task).update();
        // Five attempts finished 31 days ago, one 29 days ago, one still waiting since 31 days ago.
        jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, status, enqueued_at, started_at, completed_at)
                SELECT 1, s.task_id, s.id, CASE WHEN n < 6 THEN 'completed' ELSE 'pending' END,
                       now() - interval '31 days', now() - interval '31 days',
                       CASE WHEN n < 5 THEN now() - interval '31 days' WHEN n = 5 THEN now() - interval '29 days' END
                  FROM (SELECT task_id, id, row_number() OVER (ORDER BY status = 'pending', id) - 1 AS n
                          FROM subtasks WHERE task_id = ?) AS s
                """).param(task).update();
        String queueStatus =
                "SELECT total_tasks || '/' || completed_tasks || '/' || pending_tasks FROM queue_status WHERE id = 1";
        String before = jdbc.sql(queueStatus).query(String.class).single();

        DatabaseMaintenance.MaintenanceReport report = maintenance.run();

        assertThat(report.purgedAttempts()).isGreaterThanOrEqualTo(5);
        assertThat(jdbc.sql(
                                "SELECT status || ' ' || coalesce((completed_at > now() - interval '30 days')::text, 'unfinished')"
                                        + " FROM queue_tasks WHERE task_id = ? ORDER BY id")
                        .param(task)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("completed true", "pending unfinished");
        assertThat(jdbc.sql(queueStatus).query(String.class).single()).isEqualTo(before);
        assertThat(maintenance.run().purgedAttempts()).isZero();
    }

    @Test
    void onlyOneInstanceRunsAtATime() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var executor = Executors.newSingleThreadExecutor()) {
            Future<?> other = executor.submit(() -> transactions.executeWithoutResult(status -> {
                jdbc.sql("SELECT pg_advisory_xact_lock(?)")
                        .param(0x1A6E_6E00_0001L)
                        .query()
                        .listOfRows();
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            holding.await();
            assertThat(maintenance.run().ran()).isFalse();
            release.countDown();
            other.get();
        }
        assertThat(maintenance.run().ran()).isTrue();
    }
}
