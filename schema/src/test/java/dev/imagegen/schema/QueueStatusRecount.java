package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** queue_status as V019 computed it, over every queue_tasks row, to hold the counters to. */
final class QueueStatusRecount {

    static final String V019_QUEUE_STATUS = """
            SELECT q.id, q.name, q.description, q.max_concurrent_tasks, q.current_concurrent_tasks, q.is_active,
                   count(qt.id) AS total_tasks,
                   count(*) FILTER (WHERE qt.status = 'pending') AS pending_tasks,
                   count(*) FILTER (WHERE qt.status = 'processing') AS processing_tasks,
                   count(*) FILTER (WHERE qt.status = 'completed') AS completed_tasks,
                   count(*) FILTER (WHERE qt.status = 'failed') AS failed_tasks,
                   avg(EXTRACT(EPOCH FROM (qt.completed_at - qt.started_at))) FILTER (WHERE qt.status = 'completed')
                       AS avg_processing_time_seconds
              FROM task_queues q
              LEFT JOIN queue_tasks qt ON qt.queue_id = q.id
             GROUP BY q.id, q.name, q.description, q.max_concurrent_tasks, q.current_concurrent_tasks, q.is_active
             ORDER BY q.id
            """;

    private QueueStatusRecount() {}

    static List<Map<String, Object>> recounted(JdbcClient jdbc) {
        return jdbc.sql(V019_QUEUE_STATUS).query().listOfRows();
    }

    static List<Map<String, Object>> counted(JdbcClient jdbc) {
        return jdbc.sql("SELECT * FROM queue_status ORDER BY id").query().listOfRows();
    }

    /** The queue's row of the view equals the old aggregate's, column by column, to the last digit. */
    static void assertViewEqualsRecount(JdbcClient jdbc, int queue) {
        assertThat(counted(jdbc)).filteredOn(row -> row.get("id").equals(queue)).hasSize(1);
        assertThat(counted(jdbc).stream()
                        .filter(row -> row.get("id").equals(queue))
                        .toList())
                .isEqualTo(recounted(jdbc).stream()
                        .filter(row -> row.get("id").equals(queue))
                        .toList());
        assertThat(drifted(jdbc)).isEmpty();
    }

    /** What check_queue_task_counts_consistency() reports, one line per drifted queue and status. */
    static List<String> drifted(JdbcClient jdbc) {
        return jdbc.sql("SELECT queue_name || ' ' || status || ' ' || counted || '/' || recounted"
                        + " FROM check_queue_task_counts_consistency()")
                .query(String.class)
                .list();
    }

    /** The view without the columns retention may leave above a recount. */
    static List<Map<String, Object>> current(List<Map<String, Object>> rows) {
        return rows.stream()
                .map(row -> row.entrySet().stream()
                        .filter(e -> List.of("id", "pending_tasks", "processing_tasks", "current_concurrent_tasks")
                                .contains(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .toList();
    }
}
