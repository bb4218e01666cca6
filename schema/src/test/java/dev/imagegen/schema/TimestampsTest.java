package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs with the JVM (and so every session) in Asia/Shanghai: UTC+8 catches zone bugs. */
class TimestampsTest {

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("timestamps");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void sessionsRunOutsideUtc() {
        assertThat(db.jdbc.sql("SHOW TimeZone").query(String.class).single()).isEqualTo("Asia/Shanghai");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"users, username = 'stamp'", "tasks, name = 'stamp'", "task_queues, name = 'stamp_queue'"})
    void updatedAtMovesOnEveryUpdate(String table, String where) {
        if (table.equals("users")) {
            db.jdbc
                    .sql("INSERT INTO users (username, hashed_password) VALUES ('stamp', 'x')")
                    .update();
        } else if (table.equals("tasks")) {
            db.jdbc.sql("""
                    INSERT INTO tasks (name, user_id)
                    VALUES ('stamp', (SELECT id FROM users WHERE username = 'stamp'))
                    """).update();
        } else {
            db.jdbc.sql("INSERT INTO task_queues (name) VALUES ('stamp_queue')").update();
        }
        db.jdbc
                .sql("UPDATE " + table
                        + " SET created_at = created_at - interval '1 day', updated_at = created_at - interval '1 day' WHERE "
                        + where)
                .update();

        OffsetDateTime before =
                db.jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
        db.jdbc
                .sql("UPDATE " + table + " SET created_at = created_at WHERE " + where)
                .update();

        OffsetDateTime updated = db.jdbc
                .sql("SELECT updated_at FROM " + table + " WHERE " + where)
                .query(OffsetDateTime.class)
                .single();
        assertThat(updated).isAfterOrEqualTo(before.minusSeconds(1));
    }

    @Test
    void subtaskUpdatedAtMovesOnUpdate() {
        int user = db.createUser("stamp-subtasks");
        UUID task = db.createTask(user, "stamped");
        db.insertSubtasks(task, 1);
        db.jdbc
                .sql("UPDATE subtasks SET updated_at = now() - interval '1 day' WHERE task_id = ?")
                .param(task)
                .update();
        db.jdbc
                .sql("UPDATE subtasks SET rating = 'good' WHERE task_id = ?")
                .param(task)
                .update();

        assertThat(db.jdbc
                        .sql("SELECT updated_at > now() - interval '1 minute' FROM subtasks WHERE task_id = ?")
                        .param(task)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aLogWrittenJustAfterUtcMidnightOfTheFirstLandsInThatUtcMonth() {
        // 08:30 in Shanghai on the 1st is 00:30 UTC on the 1st: still the new month in UTC.
        OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
        OffsetDateTime firstOfNextMonth =
                now.withDayOfMonth(1).plusMonths(1).withHour(0).withMinute(30);
        db.jdbc
                .sql(
                        "INSERT INTO system_logs (log_level, component, message, created_at) VALUES ('INFO', 't', 'boundary', ?)")
                .param(firstOfNextMonth)
                .update();

        assertThat(db.jdbc
                        .sql("SELECT tableoid::regclass::text FROM system_logs WHERE message = 'boundary'")
                        .query(String.class)
                        .single())
                .isEqualTo("system_logs_y%04dm%02d"
                        .formatted(firstOfNextMonth.getYear(), firstOfNextMonth.getMonthValue()));
    }

    @Test
    void dashboardDaysAreUtcDays() {
        int user = db.createUser("dashboard-user");
        UUID task = db.createTask(user, "dashboard");
        db.insertSubtasks(task, 2);
        db.jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, status, started_at, completed_at)
                SELECT 1, task_id, id, 'completed',
                       '2026-03-01 23:59:00+00'::timestamptz, '2026-03-02 00:00:02+00'::timestamptz
                  FROM subtasks WHERE task_id = ?
                """).param(task).update();
        db.jdbc
                .sql("UPDATE subtasks SET rating = 'good' WHERE task_id = ?")
                .param(task)
                .update();
        db.jdbc
                .sql("REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard_daily_stats")
                .update();

        var row = db.jdbc.sql("""
                SELECT day::text AS day, completed, good, avg_generation_seconds
                  FROM dashboard_daily_stats WHERE queue_id = 1
                """).query().singleRow();
        assertThat(row.get("day")).isEqualTo("2026-03-02");
        assertThat(row.get("completed")).isEqualTo(2L);
        assertThat(row.get("good")).isEqualTo(2L);
        assertThat(((Number) row.get("avg_generation_seconds")).doubleValue()).isEqualTo(62.0);
    }
}
