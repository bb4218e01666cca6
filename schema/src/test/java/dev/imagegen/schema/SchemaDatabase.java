package dev.imagegen.schema;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A freshly migrated database with the few writes the schema tests keep repeating. */
final class SchemaDatabase implements AutoCloseable {

    final TestDatabase database;
    final HikariDataSource dataSource;
    final JdbcClient jdbc;

    private SchemaDatabase(TestDatabase database, int connections) {
        this.database = database;
        this.dataSource = database.newDataSource(connections);
        this.jdbc = JdbcClient.create(dataSource);
    }

    static SchemaDatabase migrated(String name) {
        return migrated(name, 4);
    }

    static SchemaDatabase migrated(String name, int connections) {
        return new SchemaDatabase(TestServers.postgres().migratedDatabase(name), connections);
    }

    int createUser(String username) {
        return jdbc.sql("INSERT INTO users (username, hashed_password) VALUES (?, 'x') RETURNING id")
                .param(username)
                .query(Integer.class)
                .single();
    }

    UUID createTask(int userId, String name) {
        return jdbc.sql("INSERT INTO tasks (name, user_id) VALUES (?, ?) RETURNING id")
                .params(name, userId)
                .query(UUID.class)
                .single();
    }

    /** Inserts count pending subtasks in one statement. */
    void insertSubtasks(UUID taskId, int count) {
        jdbc.sql("""
                INSERT INTO subtasks (task_id, variable_indices)
                SELECT ?, jsonb_build_object('v0', i) FROM generate_series(0, ? - 1) AS i
                """).params(taskId, count).update();
    }

    /** Moves up to count subtasks of the task from one status to another, in one statement. */
    int move(UUID taskId, String from, String to, int count) {
        return jdbc.sql("""
                UPDATE subtasks SET status = ?::subtask_status
                 WHERE task_id = ? AND id IN (
                       SELECT id FROM subtasks WHERE task_id = ? AND status = ?::subtask_status
                        ORDER BY id LIMIT ?)
                """).params(to, taskId, taskId, from, count).update();
    }

    TaskRow task(UUID taskId) {
        return jdbc.sql("""
                SELECT total_images, processed_images, progress, status::text, completed_at IS NOT NULL AS finished
                  FROM tasks WHERE id = ?
                """)
                .param(taskId)
                .query((rs, n) ->
                        new TaskRow(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getBoolean(5)))
                .single();
    }

    List<UUID> driftedTasks() {
        return jdbc.sql("SELECT task_id FROM check_task_progress_consistency()")
                .query(UUID.class)
                .list();
    }

    List<Integer> driftedQueues() {
        return jdbc.sql("SELECT queue_id FROM check_queue_concurrency_consistency()")
                .query(Integer.class)
                .list();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    record TaskRow(int total, int processed, int progress, String status, boolean finished) {}
}
