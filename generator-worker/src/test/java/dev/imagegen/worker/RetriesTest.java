package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagegen.worker.StubImageServer.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {

    private static final String PNG_1X1 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    @Test
    void aFailingBackendIsRetriedWithGrowingBackOffAndThenTheSubtaskFailsWithItsError() throws Exception {
        try (StubImageServer stub = new StubImageServer(
                        "/sdapi/v1/txt2img", body -> new Answer(500, "{\"error\":\"CUDA out of memory\"}"));
                WorkerTestBed bed = new WorkerTestBed("retries_then_failed", 3)) {
            bed.startWorker(
                    "worker-a",
                    Map.of(
                            "imagegen.worker.backends.default.type",
                            "a1111",
                            "imagegen.worker.backends.default.url",
                            stub.baseUrl()));
            UUID taskId = bed.submitTask(1, null);
            bed.startRelay();

            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            bed.count("SELECT count(*) FROM subtasks WHERE task_id = ? AND status = 'failed'", taskId)
                                    == 1);

            assertThat(bed.jdbc
                            .sql("SELECT retry_count || ' ' || error FROM subtasks WHERE task_id = ?")
                            .param(taskId)
                            .query(String.class)
                            .single())
                    .startsWith("2 backend answered HTTP 500")
                    .contains("CUDA out of memory");
            assertThat(bed.jdbc
                            .sql("SELECT attempt || ' ' || status FROM queue_tasks WHERE task_id = ? ORDER BY id")
                            .param(taskId)
                            .query(String.class)
                            .list())
                    .containsExactly("1 failed", "2 failed", "3 failed");
            // Back-off 100 ms, then 200 ms: each retry is due (not_before) that long after the failure.
            // (enqueued_at is the sweeper transaction's start, which may precede the failure's commit.)
            assertThat(bed.jdbc.sql("""
                            SELECT extract(epoch FROM (n.not_before - p.completed_at)) * 1000
                              FROM queue_tasks p JOIN queue_tasks n ON n.task_id = p.task_id AND n.attempt = p.attempt + 1
                             WHERE p.task_id = ? ORDER BY p.attempt
                            """).param(taskId).query(Double.class).list())
                    .satisfiesExactly(
                            first -> assertThat(first).isGreaterThanOrEqualTo(100),
                            second -> assertThat(second).isGreaterThanOrEqualTo(200));
            assertThat(stub.requests()).hasSize(3);
            assertThat(bed.jdbc
                            .sql("SELECT status::text || ' ' || progress FROM tasks WHERE id = ?")
                            .param(taskId)
                            .query(String.class)
                            .single())
                    .isEqualTo("failed 100");
            assertThat(bed.jdbc
                            .sql("SELECT message FROM task_logs WHERE task_id = ? ORDER BY created_at, id")
                            .param(taskId)
                            .query(String.class)
                            .list())
                    .containsExactly("started", "retried", "started", "retried", "started", "failed");
            assertThat(bed.jdbc
                            .sql("SELECT log_level FROM task_logs WHERE task_id = ? ORDER BY created_at, id")
                            .param(taskId)
                            .query(String.class)
                            .list())
                    .containsExactly("INFO", "WARN", "INFO", "WARN", "INFO", "ERROR");
            assertThat(bed.count("SELECT count(*) FROM check_task_progress_consistency()"))
                    .isZero();
            assertThat(bed.count("SELECT count(*) FROM check_queue_concurrency_consistency()"))
                    .isZero();
        }
    }

    @Test
    void aRateLimitedOpenAiCallIsRetriedByTheQueueNoSoonerThanItsRetryAfter() throws Exception {
        try (StubOpenAi openAi = new StubOpenAi("sk-test");
                WorkerTestBed bed = new WorkerTestBed("retry_after_429", 2)) {
            // The first wait is taken in place; the second ends the in-place retries (1), so the
            // queue retries, after the 3 s asked for rather than its own 100 ms back-off.
            openAi.failNext(new StubOpenAi.Failure(
                    429, "rate_limit_exceeded", "Rate limit reached", Map.of("retry-after-ms", "200")));
            openAi.failNext(new StubOpenAi.Failure(
                    429, "rate_limit_exceeded", "Rate limit reached", Map.of("retry-after", "3")));
            bed.startWorker(
                    "worker-a",
                    Map.of(
                            "imagegen.worker.backends.default.type", "openai",
                            "imagegen.worker.backends.default.url", openAi.baseUrl(),
                            "imagegen.worker.backends.default.api-key", "sk-test",
                            "imagegen.worker.backends.default.retries", "1"));
            UUID taskId = bed.submitTask(1, null);
            bed.startRelay();

            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            bed.count("SELECT count(*) FROM tasks WHERE id = ? AND status = 'completed'", taskId) == 1);

            assertThat(bed.jdbc
                            .sql("SELECT attempt || ' ' || status FROM queue_tasks WHERE task_id = ? ORDER BY id")
                            .param(taskId)
                            .query(String.class)
                            .list())
                    .containsExactly("1 failed", "2 completed");
            assertThat(bed.jdbc.sql("""
                            SELECT extract(epoch FROM (n.not_before - p.completed_at)) * 1000
                              FROM queue_tasks p JOIN queue_tasks n ON n.task_id = p.task_id AND n.attempt = 2
                             WHERE p.task_id = ? AND p.attempt = 1
                            """).param(taskId).query(Double.class).single())
                    .isGreaterThanOrEqualTo(3000);
            assertThat(bed.count(
                            "SELECT count(*) FROM queue_tasks WHERE task_id = ? AND attempt = 2 AND started_at >= not_before",
                            taskId))
                    .isEqualTo(1);
            assertThat(bed.jdbc
                            .sql(
                                    "SELECT details->>'retry_after_ms' FROM task_logs WHERE task_id = ? AND message = 'retried'")
                            .param(taskId)
                            .query(String.class)
                            .single())
                    .isEqualTo("3000");
            assertThat(openAi.requests()).hasSize(3);
        }
    }

    @Test
    void theTasksBackendEndpointIsChosenByMakeApiQueueAndARetrySucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (StubImageServer ops = new StubImageServer(
                        "/sdapi/v1/txt2img",
                        body -> calls.incrementAndGet() == 1
                                ? new Answer(502, "{\"error\":\"bad gateway\"}")
                                : new Answer(200, "{\"images\":[\"" + PNG_1X1 + "\"]}"));
                WorkerTestBed bed = new WorkerTestBed("retry_succeeds_on_ops", 3)) {
            bed.startWorker(
                    "worker-a",
                    Map.of(
                            "imagegen.worker.backends.ops.type", "a1111",
                            "imagegen.worker.backends.ops.url", ops.baseUrl(),
                            "imagegen.worker.backends.ops.model", "ops-sdxl"));
            UUID opsTask = bed.submitTask(1, "ops");
            UUID defaultTask = bed.submitTask(1, null);
            bed.startRelay();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count("SELECT count(*) FROM tasks WHERE status = 'completed'") == 2);

            assertThat(bed.jdbc
                            .sql("SELECT retry_count || ' ' || (result->'metadata'->>'model') || ' '"
                                    + " || (result->'images'->0->>'width') FROM subtasks WHERE task_id = ?")
                            .param(opsTask)
                            .query(String.class)
                            .single())
                    .isEqualTo("1 ops-sdxl 1");
            assertThat(bed.jdbc
                            .sql("SELECT (result->'metadata'->>'model') || ' ' || (result->>'width')"
                                    + " FROM subtasks WHERE task_id = ?")
                            .param(defaultTask)
                            .query(String.class)
                            .single())
                    .isEqualTo("imagegen-builtin-renderer 1344");
            assertThat(calls.get()).isEqualTo(2);
        }
    }
}
