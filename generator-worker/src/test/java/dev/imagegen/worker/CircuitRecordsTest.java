package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagegen.worker.StubImageServer.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A worker writes its endpoint's circuit to endpoint_circuits when it opens and closes, and clears it at stop. */
class CircuitRecordsTest {

    private static final String PNG_1X1 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    @Test
    void anEndpointFailingTwiceInARowShowsAsOpenForItsQueueUntilItAnswersAgain() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean();
        try (StubImageServer a1111 = new StubImageServer(
                        "/sdapi/v1/txt2img",
                        body -> healthy.get()
                                ? new Answer(200, "{\"images\":[\"" + PNG_1X1 + "\"]}")
                                : new Answer(503, "{\"error\":\"model loading\"}"));
                WorkerTestBed bed = new WorkerTestBed("circuit_records", 2)) {
            // Enough attempts that the subtask is still retried when the endpoint comes back.
            bed.jdbc
                    .sql("UPDATE task_queues SET max_attempts = 50 WHERE id = ?")
                    .param(bed.queueId)
                    .update();
            ConfigurableApplicationContext worker = bed.startWorker(
                    "worker-a",
                    Map.of(
                            "imagegen.worker.backends.default.type", "a1111",
                            "imagegen.worker.backends.default.url", a1111.baseUrl(),
                            "imagegen.worker.backends.default.circuit-failures", "2",
                            "imagegen.worker.backends.default.circuit-open", "500ms"));
            UUID taskId = bed.submitTask(1, null);
            bed.startRelay();

            await("the open circuit in open_endpoint_circuits")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> openCircuits(bed).size() == 1);
            assertThat(openCircuits(bed))
                    .containsExactly("worker-a default a1111 {" + bed.queueName + "} backend answered HTTP 503");
            assertThat(bed.count("""
                            SELECT count(*) FROM endpoint_circuits
                             WHERE state = 'open' AND since <= now() AND expires_at > now() + INTERVAL '30 seconds'
                            """)).isEqualTo(1);

            healthy.set(true);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            bed.count("SELECT count(*) FROM tasks WHERE id = ? AND status = 'completed'", taskId) == 1);
            await("the closed circuit")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> bed.jdbc
                            .sql(
                                    "SELECT state FROM endpoint_circuits WHERE worker_id = 'worker-a' AND endpoint = 'default'")
                            .query(String.class)
                            .list()
                            .equals(List.of("closed")));
            assertThat(openCircuits(bed)).isEmpty();

            worker.close();
            assertThat(bed.count("SELECT count(*) FROM endpoint_circuits WHERE worker_id = 'worker-a'"))
                    .isZero();
        }
    }

    private static List<String> openCircuits(WorkerTestBed bed) {
        return bed.jdbc.sql("""
                        SELECT worker_id || ' ' || endpoint || ' ' || backend_type || ' ' || queues::text || ' '
                               || split_part(last_error, ':', 1)
                          FROM open_endpoint_circuits
                        """).query(String.class).list();
    }
}
