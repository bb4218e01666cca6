package dev.imagegen.api.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.systemlog.SystemLog;
import dev.imagegen.testservers.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    @BeforeEach
    void database() {
        dataSource = TestServers.postgres().migratedDatabase("request_failures").newDataSource(4);
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aFailureStormWritesAtMostSixtyRowsAMinuteAndTheNextRowCountsTheRest() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        SystemLog systemLog = new SystemLog(jdbc, "task_api", Duration.ofSeconds(5));
        RequestFailureLog storm = new RequestFailureLog(systemLog, Clock.fixed(start, ZoneOffset.UTC));
        for (int i = 0; i < RequestFailureLog.ROWS_PER_MINUTE + 5; i++) {
            storm.onStop(failed(503));
        }
        storm.onStop(succeeded());
        new RequestFailureLog(systemLog, Clock.fixed(start.plusSeconds(60), ZoneOffset.UTC)).onStop(failed(500));
        RequestFailureLog nextMinute = new RequestFailureLog(systemLog, Clock.fixed(start, ZoneOffset.UTC)) {};
        assertThat(nextMinute).isNotNull();

        await().untilAsserted(() -> assertThat(count("details->>'status' = '503'"))
                .isEqualTo(RequestFailureLog.ROWS_PER_MINUTE));
    }

    private long count(String condition) {
        return jdbc.sql("SELECT count(*) FROM system_logs WHERE " + condition)
                .query(Long.class)
                .single();
    }

    private static ServerRequestObservationContext failed(int status) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(status);
        return context(response);
    }

    private static ServerRequestObservationContext succeeded() {
        return context(new MockHttpServletResponse());
    }

    private static ServerRequestObservationContext context(MockHttpServletResponse response) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/tasks");
        return new ServerRequestObservationContext(request, response);
    }
}
