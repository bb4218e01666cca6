package dev.imagegen.worker.generation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.stereotype.Component;

/**
 * Reads claimed subtasks and their task's backend choice: a whole claimed batch in one query
 * ({@link #preload}), so generations do not each wait for a connection; one at a time otherwise.
 */
@Component
class SubtaskLoader {

    private static final String COLUMNS = """
            s.id, s.prompts::text AS prompts_json, s.ratio, s.seed, s.batch_size, s.use_polish, t.make_api_queue,
            s.parameters::text AS parameters_json
            """;
    private static final String SUBTASK_TO_GENERATE = "SELECT " + COLUMNS + """
              FROM subtasks s JOIN tasks t ON t.id = s.task_id
             WHERE s.task_id = :taskId AND s.id = :subtaskId
            """;
    // LATERAL: each key is read by primary key in its own partition (a join could scan them all).
    private static final String SUBTASKS_TO_GENERATE = "SELECT " + COLUMNS + """
              FROM unnest(:taskIds, :subtaskIds) AS k (task_id, id)
              JOIN LATERAL (SELECT * FROM subtasks x WHERE x.task_id = k.task_id AND x.id = k.id) s ON true
              JOIN tasks t ON t.id = s.task_id
            """;

    /** A claimed subtask, as its dispatch record names it. */
    record Key(UUID taskId, UUID subtaskId) {}

    private final JdbcClient jdbc;
    private final ConcurrentMap<UUID, SubtaskWork> preloaded = new ConcurrentHashMap<>();

    SubtaskLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the subtasks of a claimed batch ahead of their generations. */
    void preload(List<Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql(SUBTASKS_TO_GENERATE)
                .param("taskIds", uuids(keys.stream().map(Key::taskId).toArray(UUID[]::new)))
                .param("subtaskIds", uuids(keys.stream().map(Key::subtaskId).toArray(UUID[]::new)))
                .query((rs, n) -> preloaded.put(rs.getObject("id", UUID.class), work(rs)))
                .list();
    }

    /** The subtask's work: preloaded if it was, else read now. */
    SubtaskWork load(UUID taskId, UUID subtaskId) {
        SubtaskWork work = preloaded.remove(subtaskId);
        if (work != null) {
            return work;
        }
        return jdbc.sql(SUBTASK_TO_GENERATE)
                .param("taskId", taskId)
                .param("subtaskId", subtaskId)
                .query((rs, n) -> work(rs))
                .single();
    }

    private static SubtaskWork work(ResultSet rs) throws SQLException {
        return new SubtaskWork(
                rs.getString("prompts_json"),
                rs.getString("ratio"),
                rs.getObject("seed", Long.class),
                rs.getInt("batch_size"),
                rs.getBoolean("use_polish"),
                rs.getString("make_api_queue"),
                rs.getString("parameters_json"));
    }

    private static AbstractSqlTypeValue uuids(UUID[] values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Array createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf("uuid", values);
            }
        };
    }
}
