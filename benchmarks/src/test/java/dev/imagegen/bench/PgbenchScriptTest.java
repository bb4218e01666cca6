package dev.imagegen.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagegen.testservers.PostgresServer;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each generated pgbench script runs for a second against a migrated database: every transaction
 * claims different pending attempts and completes the ones its client claimed before, and the
 * queue's slot counter matches what is left running.
 */
class PgbenchScriptTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Pgbench.Script.class)
    void scriptClaimsAndCompletesPendingAttempts(Pgbench.Script script) throws Exception {
        assumeTrue(Pgbench.available(), Pgbench.BINARY + " is missing (apt-get install postgresql-contrib)");
        PostgresServer server = TestServers.postgres();
        TestDatabase database =
                server.migratedDatabase("pgbench_" + script.name().toLowerCase(java.util.Locale.ROOT));
        int queue;
        long base;
        try (Connection db = database.connect();
                Statement statement = db.createStatement()) {
            ResultSet rs = statement.executeQuery("SELECT id FROM task_queues WHERE name = 'standard_tasks'");
            rs.next();
            queue = rs.getInt(1);
            statement.execute("UPDATE task_queues SET max_concurrent_tasks = 1000 WHERE id = " + queue);
            seed(statement, queue, 20_000);
            ResultSet first = statement.executeQuery("SELECT min(id) FROM queue_tasks");
            first.next();
            base = first.getLong(1);
        }

        Pgbench.Result result = Pgbench.run(
                dir,
                server.port(),
                database.name(),
                server.username(),
                server.password(),
                base,
                2,
                1,
                script,
                Map.of(),
                p -> {});

        assertThat(result.transactions()).isPositive();
        try (Connection db = database.connect();
                Statement statement = db.createStatement()) {
            ResultSet rs = statement.executeQuery("""
                    SELECT count(*) FILTER (WHERE status = 'completed' AND worker_id LIKE 'pgbench-%'),
                           count(*) FILTER (WHERE status = 'processing')
                      FROM queue_tasks
                    """);
            rs.next();
            // Every transaction claimed its own attempts and completed the client's previous ones (one
            // at a time: the same one): none was taken twice or missed. A batch client's last batch
            // is still running, and the slot counter says so.
            int clients = 2;
            long running = script == Pgbench.Script.ONE_AT_A_TIME ? 0 : (long) clients * script.batch;
            assertThat(rs.getLong(1)).isEqualTo(result.transactions() * script.batch - running);
            assertThat(rs.getLong(2)).isEqualTo(running);
            ResultSet counters =
                    statement.executeQuery("SELECT current_concurrent_tasks FROM task_queues WHERE id = " + queue);
            counters.next();
            assertThat(counters.getLong(1)).isEqualTo(running);
        }
    }

    /** One task of {@code n} subtasks with one pending attempt each, inserted as the task API writes them. */
    private static void seed(Statement statement, int queue, int n) throws Exception {
        UUID task = UUID.randomUUID();
        statement.execute("""
                INSERT INTO users (username, hashed_password) VALUES ('bench', 'x') ON CONFLICT DO NOTHING
                """);
        statement.execute("""
                INSERT INTO tasks (id, name, user_id, queue_id)
                SELECT '%s', 'pgbench', id, %d FROM users WHERE username = 'bench'
                """.formatted(task, queue));
        statement.execute("""
                INSERT INTO subtasks (task_id, seed) SELECT '%s', g FROM generate_series(1, %d) AS g
                """.formatted(task, n));
        statement.execute("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority)
                SELECT %d, task_id, id, 1 FROM subtasks WHERE task_id = '%s'
                """.formatted(queue, task));
    }
}
