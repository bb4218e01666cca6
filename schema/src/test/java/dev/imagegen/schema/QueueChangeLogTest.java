package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueueChangeLogTest {

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("queue_change_log");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aLimitAndAPauseAreLoggedWithOldNewAndWhoInTheWritersComponent() throws Exception {
        String queue = queue();
        try (Connection connection = db.dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET application_name = 'task_api'");
                statement.execute("SELECT set_config('imagegen.actor', 'manager1', true)");
                statement.execute("UPDATE task_queues SET max_concurrent_tasks = 7, is_active = false WHERE name = '"
                        + queue + "'");
            }
            connection.commit();
        }

        assertThat(logsOf(queue))
                .containsExactly("WARN task_api queue " + queue + ": max_concurrent_tasks 4 → 7, paused"
                        + " {\"new\": 7, \"old\": 4} {\"new\": false, \"old\": true} manager1");
    }

    @Test
    void aChangeWithoutAnActorNamesTheDatabaseUser() {
        String queue = queue();
        db.jdbc
                .sql("UPDATE task_queues SET is_active = false WHERE name = ?")
                .param(queue)
                .update();
        db.jdbc
                .sql("UPDATE task_queues SET is_active = true WHERE name = ?")
                .param(queue)
                .update();

        assertThat(logsOf(queue))
                .hasSize(2)
                .last()
                .asString()
                .startsWith("INFO ")
                .contains("queue " + queue + ": resumed")
                .endsWith(" " + db.database.username());
    }

    @Test
    void theSlotCounterAndUnchangedValuesWriteNothing() {
        String queue = queue();
        db.jdbc
                .sql("UPDATE task_queues SET current_concurrent_tasks = 1 WHERE name = ?")
                .param(queue)
                .update();
        db.jdbc
                .sql("UPDATE task_queues SET max_concurrent_tasks = 4, is_active = true WHERE name = ?")
                .param(queue)
                .update();

        assertThat(logsOf(queue)).isEmpty();
    }

    private static List<String> logsOf(String queue) {
        return db.jdbc.sql("""
                        SELECT concat_ws(' ', log_level, component, message, details->>'max_concurrent_tasks',
                                         details->>'is_active', details->>'changed_by')
                          FROM system_logs WHERE details->>'queue' = ? ORDER BY id
                        """).param(queue).query(String.class).list();
    }

    private static String queue() {
        String name = "q_" + UUID.randomUUID().toString().substring(0, 8);
        db.jdbc
                .sql("INSERT INTO task_queues (name, max_concurrent_tasks) VALUES (?, 4)")
                .param(name)
                .update();
        return name;
    }
}
