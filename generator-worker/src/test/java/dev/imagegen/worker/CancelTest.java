package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CancelTest {

    /** Log entries of one event that list the subtask among their attempts. */
    private static final String LOGGED = """
            SELECT count(*) FROM task_logs l, jsonb_array_elements(l.details -> 'attempts') AS a
             WHERE l.message = '%s' AND a ->> 'subtask_id' = ?
            """;

    @Test
    void aSubtaskCancelledDuringGenerationEndsCancelledAndItsResultIsDiscarded() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("cancel_running", 1)) {
            bed.startWorker(
                    "worker-a",
                    Map.of(
                            "imagegen.worker.backends.default.latency", "1500ms",
                            "imagegen.worker.lease-renewal", "100ms"));
            UUID taskId = bed.submitTask(2, null);
            bed.startRelay();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count("SELECT count(*) FROM queue_tasks WHERE status = 'processing'") == 1);
            UUID running = bed.jdbc
                    .sql("SELECT subtask_id FROM queue_tasks WHERE status = 'processing'")
                    .query(UUID.class)
                    .single();

            bed.jdbc
                    .sql("UPDATE subtasks SET status = 'cancelled' WHERE task_id = ? AND id = ?")
                    .params(taskId, running)
                    .update();

            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            bed.count("SELECT count(*) FROM tasks WHERE id = ? AND status = 'completed'", taskId) == 1);
            assertThat(bed.jdbc
                            .sql(
                                    "SELECT status::text || ' ' || (result IS NULL) FROM subtasks WHERE task_id = ? AND id = ?")
                            .params(taskId, running)
                            .query(String.class)
                            .single())
                    .isEqualTo("cancelled true");
            assertThat(bed.jdbc
                            .sql("SELECT status FROM queue_tasks WHERE subtask_id = ?")
                            .param(running)
                            .query(String.class)
                            .list())
                    .containsExactly("cancelled");
            assertThat(bed.count(LOGGED.formatted("completed"), running.toString()))
                    .isZero();
            assertThat(bed.count("SELECT count(*) FROM check_task_progress_consistency()"))
                    .isZero();
            assertThat(bed.count("SELECT count(*) FROM check_queue_concurrency_consistency()"))
                    .isZero();
        }
    }

    @Test
    void aSubtaskCancelledBeforeItsRecordArrivesIsNeverStarted() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("cancel_pending", 2)) {
            UUID taskId = bed.submitTask(3, null);
            UUID cancelled = bed.jdbc
                    .sql("SELECT id FROM subtasks WHERE task_id = ? ORDER BY id LIMIT 1")
                    .param(taskId)
                    .query(UUID.class)
                    .single();
            bed.jdbc
                    .sql("UPDATE subtasks SET status = 'cancelled' WHERE task_id = ? AND id = ?")
                    .params(taskId, cancelled)
                    .update();
            bed.startWorker("worker-a", Map.of("imagegen.worker.backends.default.latency", "10ms"));
            bed.startRelay();

            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            bed.count("SELECT count(*) FROM tasks WHERE id = ? AND status = 'completed'", taskId) == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bed.count(
                                    "SELECT count(*) FROM queue_tasks WHERE subtask_id = ? AND status = 'cancelled'",
                                    cancelled)
                            == 1);
            assertThat(bed.count(LOGGED.formatted("started"), cancelled.toString()))
                    .isZero();
            assertThat(bed.count("SELECT completed_subtasks FROM tasks WHERE id = ?", taskId))
                    .isEqualTo(2);
        }
    }
}
