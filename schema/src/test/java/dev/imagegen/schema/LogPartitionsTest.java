package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LogPartitionsTest {

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("partitions");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    List<String> partitionsOf(String table) {
        return db.jdbc.sql("""
                SELECT c.relname FROM pg_inherits i
                  JOIN pg_class c ON c.oid = i.inhrelid
                  JOIN pg_class p ON p.oid = i.inhparent
                 WHERE p.relname = ? ORDER BY c.relname
                """).param(table).query(String.class).list();
    }

    String partitionHolding(String table, String message) {
        return db.jdbc
                .sql("SELECT tableoid::regclass::text FROM " + table + " WHERE message = ?")
                .param(message)
                .query(String.class)
                .single();
    }

    static String monthSuffix(OffsetDateTime when) {
        return "_y%04dm%02d".formatted(when.getYear(), when.getMonthValue());
    }

    @Test
    void subtasksHaveSixteenHashPartitions() {
        assertThat(partitionsOf("subtasks")).hasSize(16).contains("subtasks_p0", "subtasks_p15");
    }

    @Test
    void logsHaveThisMonthAndThreeAheadPlusADefault() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (String table : List.of("system_logs", "task_logs")) {
            assertThat(partitionsOf(table))
                    .contains(table + "_default", table + monthSuffix(now), table + monthSuffix(now.plusMonths(3)));
        }
    }

    @Test
    void aRowDatedTwoYearsAheadLandsInTheDefaultPartitionAndMovesWhenItsMonthIsCreated() {
        db.jdbc.sql("""
                INSERT INTO system_logs (log_level, component, message, created_at)
                VALUES ('INFO', 'test', 'from the future', now() + interval '2 years')
                """).update();
        assertThat(partitionHolding("system_logs", "from the future")).isEqualTo("system_logs_default");

        List<String> created = db.jdbc
                .sql("SELECT create_log_partitions(25)")
                .query(String.class)
                .list();

        String expected =
                "system_logs" + monthSuffix(OffsetDateTime.now(ZoneOffset.UTC).plusYears(2));
        assertThat(created).contains(expected);
        assertThat(partitionHolding("system_logs", "from the future")).isEqualTo(expected);
        assertThat(db.jdbc
                        .sql("SELECT create_log_partitions(25)")
                        .query(String.class)
                        .list())
                .isEmpty();
    }

    @Test
    void retentionDropsWholeMonthsOlderThanItAndKeepsTheRest() {
        db.jdbc.sql("""
                CREATE TABLE task_logs_y2020m01 PARTITION OF task_logs
                    FOR VALUES FROM ('2020-01-01 00:00:00+00') TO ('2020-02-01 00:00:00+00')
                """).update();
        db.jdbc.sql("""
                INSERT INTO task_logs (log_level, message, created_at)
                VALUES ('INFO', 'ancient', '2020-01-15 00:00:00+00')
                """).update();

        List<String> dropped = db.jdbc
                .sql("SELECT drop_log_partitions_older_than(interval '1 year')")
                .query(String.class)
                .list();

        assertThat(dropped).containsExactly("task_logs_y2020m01");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        assertThat(partitionsOf("task_logs")).contains("task_logs_default", "task_logs" + monthSuffix(now));
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM task_logs WHERE message = 'ancient'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
