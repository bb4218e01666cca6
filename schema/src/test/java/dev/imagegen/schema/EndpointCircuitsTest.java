package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** V108: workers' endpoint circuits, and the view of the open ones still vouched for. */
class EndpointCircuitsTest {

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("endpoint_circuits");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    void write(String worker, String endpoint, String state, String expiresIn) {
        db.jdbc.sql("""
                INSERT INTO endpoint_circuits (worker_id, endpoint, backend_type, state, since, last_error, queues,
                                               expires_at)
                VALUES (?, ?, 'openai', ?, now(), 'HTTP 503', '{standard_tasks}', now() + CAST(? AS interval))
                ON CONFLICT (worker_id, endpoint) DO UPDATE
                   SET state = EXCLUDED.state, expires_at = EXCLUDED.expires_at
                """).params(worker, endpoint, state, expiresIn).update();
    }

    @Test
    void onlyOpenCircuitsNotExpiredAreShownAndARowIsKeptPerWorkerAndEndpoint() {
        write("w1", "default", "open", "1 minute");
        write("w1", "ops", "open", "-1 second");
        write("w2", "default", "closed", "1 minute");
        write("w3", "dev", "open", "1 minute");
        write("w3", "dev", "closed", "1 minute");

        assertThat(db.jdbc
                        .sql("SELECT worker_id || ' ' || endpoint || ' ' || queues[1] FROM open_endpoint_circuits")
                        .query(String.class)
                        .list())
                .containsExactly("w1 default standard_tasks");
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM endpoint_circuits WHERE worker_id = 'w3'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theStateIsOpenOrClosed() {
        assertThatThrownBy(() -> write("w9", "default", "half-open", "1 minute"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("check_endpoint_circuit_state");
    }
}
