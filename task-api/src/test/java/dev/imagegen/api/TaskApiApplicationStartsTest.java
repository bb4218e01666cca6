package dev.imagegen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.api.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ApiTest
class TaskApiApplicationStartsTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void startsAgainstTheMigratedDatabaseAndRecordsItsStart() {
        assertThat(jdbc.sql("SELECT name FROM task_queues ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("standard_tasks", "lumina_tasks", "high_priority_tasks");
        assertThat(jdbc.sql("SELECT message FROM system_logs WHERE component = 'task_api'")
                        .query(String.class)
                        .list())
                .contains("service started");
    }
}
