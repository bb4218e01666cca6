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

    @Test
    void aRateLimitAndAUsersShareAreLoggedWithOldNewAndWho() {
        String queue = queue();
        db.jdbc
                .sql("UPDATE task_queues SET rate_limit_per_minute = 20 WHERE name = ?")
                .param(queue)
                .update();
        db.jdbc
                .sql("UPDATE task_queues SET rate_limit_per_minute = NULL WHERE name = ?")
                .param(queue)
                .update();
        assertThat(db.jdbc
                        .sql("SELECT message || ' ' || (details->'rate_limit_per_minute')::text FROM system_logs"
                                + " WHERE details->>'queue' = ? ORDER BY id")
                        .param(queue)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "queue " + queue + ": rate_limit_per_minute none → 20 {\"new\": 20, \"old\": null}",
                        "queue " + queue + ": rate_limit_per_minute 20 → none {\"new\": null, \"old\": 20}");

        String user = "share_" + UUID.randomUUID().toString().substring(0, 8);
        int id = db.createUser(user);
        db.jdbc
                .sql("UPDATE users SET share_weight = 2.5 WHERE id = ?")
                .param(id)
                .update();
        db.jdbc
                .sql("UPDATE users SET share_weight = 2.5, display_name = 'x' WHERE id = ?")
                .param(id)
                .update();
        assertThat(db.jdbc
                        .sql("SELECT message || ' ' || (details->>'changed_by') FROM system_logs"
                                + " WHERE details->>'user' = ? ORDER BY id")
                        .param(user)
                        .query(String.class)
                        .list())
                .as("one row for the change, none for an unchanged share")
                .containsExactly("user " + user + ": share_weight 1.00 → 2.50 " + db.database.username());
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
