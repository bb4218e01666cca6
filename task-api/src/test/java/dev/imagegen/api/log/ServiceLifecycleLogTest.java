package dev.imagegen.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ServiceLifecycleLogTest {

    /**
     * A database that accepts the connection and never answers (as one does while it goes away)
     * would hold the stop for as long as the driver waits: the stop goes on without the row.
     */
    @Test
    void stoppingDoesNotWaitForADatabaseThatDoesNotAnswer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(
                    "jdbc:postgresql://127.0.0.1:%d/imagegen".formatted(silent.getLocalPort()), "x", "x"));
            ServiceLifecycleLog log = new ServiceLifecycleLog(jdbc);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(log::stopping);

            assertThat(stopped).succeedsWithin(ServiceLifecycleLog.STOPPING_LOG_WAIT.toSeconds() + 8, TimeUnit.SECONDS);
        }
    }
}
