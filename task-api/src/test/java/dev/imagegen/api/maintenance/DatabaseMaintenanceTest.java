package dev.imagegen.api.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.testservers.UsesRealServers;
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
            "imagegen.maintenance.months-ahead=5"
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
