package dev.imagegen.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.testservers.UsesRealServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(properties = "imagegen.dispatcher.slot-name=${imagegen.test.database}")
@UsesRealServers
class DispatcherApplicationStartsTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void startsAgainstTheMigratedDatabase() {
        assertThat(jdbc.sql("SELECT name FROM task_queues ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("standard_tasks", "lumina_tasks", "high_priority_tasks");
    }
}
