package dev.imagegen.api.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.systemlog.SystemLog;
import dev.imagegen.testservers.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestFailureLogTest {

    HikariDataSource dataSource;
    JdbcClient jdbc;
    final MovableClock clock = new MovableClock();
    RequestFailureLog failures;

    @BeforeEach
    void database() {
        dataSource = TestServers.postgres().migratedDatabase("request_failures").newDataSource(4);
        jdbc = JdbcClient.create(dataSource);
        failures = new RequestFailureLog(new SystemLog(jdbc, "task_api", Duration.ofSeconds(5)), clock);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aStormOfFailuresWritesAtMostSixtyRowsAMinuteAndTheNextRowCountsTheRest() {
        for (int i = 0; i < RequestFailureLog.ROWS_PER_MINUTE + 5; i++) {
            failures.onStop(answered(503));
        }
        failures.onStop(answered(200));
        failures.onStop(answered(404));
        failures.onStop(answered("/actuator/health", 503));
        await().untilAsserted(() ->
                assertThat(rows("details->>'status' = '503'")).isEqualTo(RequestFailureLog.ROWS_PER_MINUTE));

        clock.advance(Duration.ofMinutes(1));
        failures.onStop(answered(500));

        await().untilAsserted(() -> assertThat(rows("details->>'status' = '500' AND details->>'left_out_before' = '5'"))
                .isEqualTo(1));
        assertThat(rows("true")).isEqualTo(RequestFailureLog.ROWS_PER_MINUTE + 1);
    }

    private long rows(String condition) {
        return jdbc.sql("SELECT count(*) FROM system_logs WHERE component = 'task_api' AND " + condition)
                .query(Long.class)
                .single();
    }

    private static ServerRequestObservationContext answered(int status) {
        return answered("/api/tasks", status);
    }

    private static ServerRequestObservationContext answered(String path, int status) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(status);
        return new ServerRequestObservationContext(new MockHttpServletRequest("GET", path), response);
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

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
