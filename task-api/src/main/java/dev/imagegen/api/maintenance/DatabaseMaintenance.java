package dev.imagegen.api.maintenance;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the database tidy on a schedule: creates log partitions ahead (so rows never pile up in
 * the default partition), drops those past retention, trims trigger_logs, refreshes the dashboard
 * and deletes finished queue_tasks past their retention ({@link QueueTaskRetention}). Every API
 * instance schedules it; a transaction-scoped advisory lock lets one run.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(MaintenanceProperties.class)
@ConditionalOnProperty(name = "imagegen.maintenance.enabled", havingValue = "true", matchIfMissing = true)
class DatabaseMaintenance {

    private static final Logger log = LoggerFactory.getLogger(DatabaseMaintenance.class);

    /** Any fixed number shared by all instances: the key of the housekeeping lock. */
    private static final long LOCK_KEY = 0x1A6E_6E00_0001L;

    private static final String TAKE_LOCK = "SELECT pg_try_advisory_xact_lock(:key)";
    private static final String CREATE_PARTITIONS = "SELECT create_log_partitions(:months)";
    private static final String DROP_PARTITIONS =
            "SELECT drop_log_partitions_older_than(make_interval(secs => :seconds))";
    private static final String CLEAN_TRIGGER_LOGS = "SELECT cleanup_trigger_logs(make_interval(secs => :seconds))";
    private static final String REFRESH_DASHBOARD = "REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard_daily_stats";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MaintenanceProperties properties;
    private final QueueTaskRetention queueTasks;

    DatabaseMaintenance(JdbcClient jdbc, TransactionTemplate transactions, MaintenanceProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.queueTasks = new QueueTaskRetention(jdbc, transactions, properties);
    }

    /** Takes the housekeeping lock for the current transaction; false when another instance holds it. */
    static boolean lock(JdbcClient jdbc) {
        return Boolean.TRUE.equals(
                jdbc.sql(TAKE_LOCK).param("key", LOCK_KEY).query(Boolean.class).single());
    }

    @Scheduled(
            initialDelayString = "${imagegen.maintenance.initial-delay:0}",
            fixedDelayString = "${imagegen.maintenance.interval:1h}")
    void runScheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Database maintenance failed; next attempt in {}", properties.interval(), e);
        }
    }

    /** One pass; returns what it did, or nothing when another instance holds the lock. */
    MaintenanceReport run() {
        MaintenanceReport report = transactions.execute(status -> {
            if (!lock(jdbc)) {
                return MaintenanceReport.SKIPPED;
            }
            List<String> created = jdbc.sql(CREATE_PARTITIONS)
                    .param("months", properties.monthsAhead())
                    .query(String.class)
                    .list();
            List<String> dropped = jdbc.sql(DROP_PARTITIONS)
                    .param("seconds", properties.logRetention().toSeconds())
                    .query(String.class)
                    .list();
            int trimmed = jdbc.sql(CLEAN_TRIGGER_LOGS)
                    .param("seconds", properties.triggerLogRetention().toSeconds())
                    .query(Integer.class)
                    .single();
            jdbc.sql(REFRESH_DASHBOARD).update();
            return new MaintenanceReport(true, created, dropped, trimmed, 0);
        });
        if (!report.ran()) {
            return report;
        }
        report = report.withPurgedAttempts(queueTasks.purge());
        if (!report.createdPartitions().isEmpty()
                || !report.droppedPartitions().isEmpty()
                || report.trimmedTriggerLogs() > 0
                || report.purgedAttempts() > 0) {
            log.info("Database maintenance: {}", report);
        }
        return report;
    }

    /** What one pass did. */
    record MaintenanceReport(
            boolean ran,
            List<String> createdPartitions,
            List<String> droppedPartitions,
            int trimmedTriggerLogs,
            long purgedAttempts) {
        static final MaintenanceReport SKIPPED = new MaintenanceReport(false, List.of(), List.of(), 0, 0);

        MaintenanceReport withPurgedAttempts(long purged) {
            return new MaintenanceReport(ran, createdPartitions, droppedPartitions, trimmedTriggerLogs, purged);
        }
    }
}
