package dev.imagegen.api.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads queues from {@code queue_status} with the retry policy (task_queues) and the open circuits
 * ({@code open_endpoint_circuits}) of each.
 */
@Component
class QueueStatusQuery {

    private static final String SELECT_QUEUES = """
            SELECT s.id, s.name, s.description, s.max_concurrent_tasks, q.rate_limit_per_minute,
                   s.current_concurrent_tasks, s.is_active, s.total_tasks, s.pending_tasks, s.processing_tasks,
                   s.completed_tasks, s.failed_tasks, s.avg_processing_time_seconds
              FROM queue_status s JOIN task_queues q ON q.id = s.id
             WHERE CAST(:id AS integer) IS NULL OR s.id = CAST(:id AS integer)
             ORDER BY s.id
            """;
    private static final String SELECT_OPEN_CIRCUITS = """
            SELECT q.name AS queue, c.endpoint, c.backend_type, c.worker_id, c.since, c.last_error
              FROM open_endpoint_circuits c
              JOIN task_queues q ON q.name = ANY (c.queues)
             WHERE CAST(:id AS integer) IS NULL OR q.id = CAST(:id AS integer)
             ORDER BY c.since, c.worker_id, c.endpoint
            """;

    private static final String SELECT_RETRY_POLICIES = """
            SELECT q.id, %s
              FROM task_queues q
             WHERE CAST(:id AS integer) IS NULL OR q.id = CAST(:id AS integer)
            """.formatted(RetryPolicy.COLUMNS);

    private final JdbcClient jdbc;

    QueueStatusQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<QueueView> all() {
        return read(null);
    }

    Optional<QueueView> one(int id) {
        return read(id).stream().findFirst();
    }

    private List<QueueView> read(Integer id) {
        Map<String, List<OpenCircuit>> circuits = new HashMap<>();
        jdbc.sql(SELECT_OPEN_CIRCUITS).param("id", id).query((ResultSet rs) -> {
            circuits.computeIfAbsent(rs.getString("queue"), q -> new ArrayList<>())
                    .add(new OpenCircuit(
                            rs.getString("endpoint"),
                            rs.getString("backend_type"),
                            rs.getString("worker_id"),
                            rs.getObject("since", OffsetDateTime.class),
                            rs.getString("last_error")));
        });
        Map<Integer, RetryPolicy> policies = new HashMap<>();
        jdbc.sql(SELECT_RETRY_POLICIES).param("id", id).query((ResultSet rs) -> {
            policies.put(rs.getInt("id"), RetryPolicy.read(rs));
        });
        List<QueueView> queues = new ArrayList<>();
        jdbc.sql(SELECT_QUEUES).param("id", id).query((ResultSet rs) -> {
            RetryPolicy policy = policies.get(rs.getInt("id"));
            if (policy != null) { // a queue created between the two reads shows on the next one
                queues.add(queue(rs, policy, circuits.getOrDefault(rs.getString("name"), List.of())));
            }
        });
        return queues;
    }

    private static QueueView queue(ResultSet rs, RetryPolicy policy, List<OpenCircuit> circuits) throws SQLException {
        double avg = rs.getDouble("avg_processing_time_seconds");
        Double average = rs.wasNull() ? null : avg;
        return new QueueView(
                rs.getInt("id"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getInt("max_concurrent_tasks"),
                rs.getObject("rate_limit_per_minute", Integer.class),
                rs.getInt("current_concurrent_tasks"),
                rs.getBoolean("is_active"),
                rs.getLong("total_tasks"),
                rs.getLong("pending_tasks"),
                rs.getLong("processing_tasks"),
                rs.getLong("completed_tasks"),
                rs.getLong("failed_tasks"),
                average,
                policy.maxAttempts(),
                policy.retryBackoff(),
                policy.retryBackoffMax(),
                List.copyOf(circuits));
    }
}
