package dev.imagegen.api.maintenance;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes finished attempts past {@code imagegen.maintenance.queue-task-retention}, walking
 * queue_tasks by id one window per transaction ({@code purge_finished_queue_tasks}), so no
 * transaction holds many row locks or runs long. Each window takes the housekeeping lock again;
 * when another instance holds it, the walk stops and resumes at the next run.
 */
class QueueTaskRetention {

    private static final String PURGE_WINDOW = """
            SELECT deleted, last_id, more
              FROM purge_finished_queue_tasks(make_interval(secs => :seconds), :after, :batch)
            """;

    private record Window(int deleted, long lastId, boolean more) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MaintenanceProperties properties;

    QueueTaskRetention(JdbcClient jdbc, TransactionTemplate transactions, MaintenanceProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Deletes what is past retention; returns how many attempts were deleted. */
    long purge() {
        long deleted = 0;
        long after = 0;
        while (true) {
            long from = after;
            Window window = transactions.execute(status -> {
                if (!DatabaseMaintenance.lock(jdbc)) {
                    return null;
                }
                return jdbc.sql(PURGE_WINDOW)
                        .param("seconds", properties.queueTaskRetention().toSeconds())
                        .param("after", from)
                        .param("batch", properties.queueTaskPurgeBatch())
                        .query((rs, n) ->
                                new Window(rs.getInt("deleted"), rs.getLong("last_id"), rs.getBoolean("more")))
                        .single();
            });
            if (window == null) {
                return deleted;
            }
            deleted += window.deleted();
            after = window.lastId();
            if (!window.more()) {
                return deleted;
            }
        }
    }
}
