package dev.imagegen.api.dashboard;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the daily results from {@code dashboard_daily_stats} and the load from {@code queue_status}. */
@Component
class DashboardQueries {

    private static final String SELECT_DAILY = """
            SELECT day, queue_name, completed, failed, good, poor, avg_generation_seconds
              FROM dashboard_daily_stats
             WHERE day BETWEEN :from AND :to
             ORDER BY day, queue_id
            """;

    // The database's clock, the one that stamped completed_at.
    private static final String SELECT_TODAY = "SELECT CAST(now() AT TIME ZONE 'UTC' AS date)";

    private static final String SELECT_LOAD = """
            SELECT name, description, pending_tasks, processing_tasks, max_concurrent_tasks, is_active
              FROM queue_status
             ORDER BY id
            """;

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current UTC day. */
    LocalDate today() {
        return jdbc.sql(SELECT_TODAY).query(LocalDate.class).single();
    }

    List<DailyQueueStats> daily(LocalDate from, LocalDate to) {
        return jdbc.sql(SELECT_DAILY)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> new DailyQueueStats(
                        rs.getObject("day", LocalDate.class),
                        rs.getString("queue_name"),
                        rs.getLong("completed"),
                        rs.getLong("failed"),
                        rs.getLong("good"),
                        rs.getLong("poor"),
                        rs.getObject("avg_generation_seconds") == null ? null : rs.getDouble("avg_generation_seconds")))
                .list();
    }

    List<QueueLoad> load() {
        return jdbc.sql(SELECT_LOAD)
                .query((rs, row) -> new QueueLoad(
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getLong("pending_tasks"),
                        rs.getLong("processing_tasks"),
                        rs.getInt("max_concurrent_tasks"),
                        rs.getBoolean("is_active")))
                .list();
    }
}
