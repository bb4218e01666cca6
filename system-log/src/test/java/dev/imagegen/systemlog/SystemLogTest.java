package dev.imagegen.systemlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.testservers.TestServers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class SystemLogTest {

    static HikariDataSource dataSource;
    static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        dataSource = TestServers.postgres().migratedDatabase("system_log").newDataSource(2);
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void aRowNamesTheServiceItsLevelMessageAndDetails() {
        SystemLog systemLog = new SystemLog(jdbc, "dispatcher", Duration.ofSeconds(5));

        assertThat(systemLog.record(SystemLog.Level.WARN, "leader lock lost", Map.of("slot", "s1")))
                .isTrue();

        assertThat(jdbc.sql("SELECT concat_ws(' ', log_level, component, message, details->>'slot') FROM system_logs")
                        .query(String.class)
                        .list())
                .contains("WARN dispatcher leader lock lost s1");
    }

    @Test
    void aStoppingThreadThatWasInterruptedStillWaitsForItsRowAndKeepsItsInterrupt() {
        SystemLog systemLog = new SystemLog(jdbc, "interrupted_test", Duration.ofSeconds(30));

        Thread.currentThread().interrupt();
        boolean written = systemLog.record(SystemLog.Level.INFO, "leader lock released", Map.of());

        assertThat(Thread.interrupted()).isTrue();
        assertThat(written).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM system_logs WHERE component = 'interrupted_test'")
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void theLifecycleWritesStartedAndStopping() {
        ServiceLifecycleLog lifecycle =
                new ServiceLifecycleLog(new SystemLog(jdbc, "lifecycle_test", Duration.ofSeconds(5)));

        lifecycle.started();
        lifecycle.stopping();

        assertThat(jdbc.sql("SELECT message FROM system_logs WHERE component = 'lifecycle_test' ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("service started", "service stopping");
    }

    /**
     * A database that accepts the connection and never answers (as one does while it goes away)
     * would hold the stop for as long as the driver waits: the stop goes on without the row.
     */
    @Test
    void stoppingDoesNotWaitForADatabaseThatDoesNotAnswer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            JdbcClient unanswered = JdbcClient.create(new DriverManagerDataSource(
                    "jdbc:postgresql://127.0.0.1:%d/imagegen".formatted(silent.getLocalPort()), "x", "x"));
            Duration wait = Duration.ofSeconds(2);
            ServiceLifecycleLog lifecycle = new ServiceLifecycleLog(new SystemLog(unanswered, "task_api", wait));

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(lifecycle::stopping);

            assertThat(stopped).succeedsWithin(wait.toSeconds() + 8, TimeUnit.SECONDS);
        }
    }
}
