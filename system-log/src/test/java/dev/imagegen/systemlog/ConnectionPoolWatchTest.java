package dev.imagegen.systemlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class ConnectionPoolWatchTest {

    HikariDataSource pool;
    HikariDataSource reader;
    JdbcClient jdbc;
    final MovableClock clock = new MovableClock();
    ConnectionPoolWatch watch;
    final List<Connection> held = new ArrayList<>();

    @BeforeEach
    void poolOfFive() {
        TestDatabase database = TestServers.postgres().migratedDatabase("pool_watch");
        pool = database.newDataSource(5);
        reader = database.newDataSource(1);
        jdbc = JdbcClient.create(reader);
        SystemLogProperties properties = new SystemLogProperties(
                "task_api", Duration.ofSeconds(2), Duration.ofSeconds(5), 0.8, Duration.ofMinutes(1));
        watch = new ConnectionPoolWatch(
                pool, new SystemLog(JdbcClient.create(pool), "task_api", Duration.ofSeconds(2)), properties, clock);
    }

    @AfterEach
    void close() throws Exception {
        for (Connection connection : held) {
            connection.close();
        }
        pool.close();
        reader.close();
    }

    @Test
    void fourOfFiveConnectionsInUseWarnOncePerMinute() throws Exception {
        hold(3);
        assertThat(watch.check()).isFalse();

        hold(1);
        assertThat(watch.check()).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(watch.check()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(watch.check()).isTrue();

        await().untilAsserted(() -> assertThat(warnings())
                .containsExactly(
                        "WARN task_api connection pool near its limit: 4 of 5 connections in use 4 5",
                        "WARN task_api connection pool near its limit: 4 of 5 connections in use 4 5"));
    }

    private List<String> warnings() {
        return jdbc.sql("""
                        SELECT concat_ws(' ', log_level, component, message, details->>'active', details->>'max')
                          FROM system_logs WHERE message LIKE 'connection pool%' ORDER BY id
                        """).query(String.class).list();
    }

    private void hold(int connections) throws Exception {
        for (int i = 0; i < connections; i++) {
            held.add(pool.getConnection());
        }
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
