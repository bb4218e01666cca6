package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.testservers.UsesRealServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The application context starts against a migrated database. Closed after the class: its
 * consumers read every dispatch topic of the shared broker, so a context left running would also
 * consume the records of the tests that follow.
 */
@SpringBootTest
@UsesRealServers
@DirtiesContext
class GeneratorWorkerApplicationStartsTest {

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
