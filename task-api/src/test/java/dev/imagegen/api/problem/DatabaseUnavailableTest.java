package dev.imagegen.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * While PostgreSQL restarts, a request fails on its connection: the answer is a 503 with
 * Retry-After, so a client repeats it, not a 500 (the chaos run's client saw the 500 before).
 */
class DatabaseUnavailableTest {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void aConnectionThatCannotBeHadIsA503WithRetryAfter() {
        assertUnavailable(handler.unavailable(new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("Connection is not available"))));
    }

    @Test
    void aServerShuttingDownMidStatementIsA503() {
        // What PostgreSQL's fast shutdown sends to every session, as Spring translates it.
        DataAccessException translated = new SQLStateSQLExceptionTranslator()
                .translate("query", "SELECT 1", new SQLException("terminating connection", "57P01"));
        assertThat(translated).isNotNull();
        assertUnavailable(handler.unavailable(translated));
    }

    @Test
    void aLockThatCouldNotBeTakenIsA503TooSoTheClientRepeatsIt() {
        assertUnavailable(handler.unavailable(new PessimisticLockingFailureException("deadlock detected")));
    }

    private static void assertUnavailable(ResponseEntity<Object> answer) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody()).isInstanceOfSatisfying(ProblemDetail.class, problem -> {
            assertThat(problem.getStatus()).isEqualTo(503);
            assertThat(problem.getDetail()).contains("nothing was written");
        });
    }
}
