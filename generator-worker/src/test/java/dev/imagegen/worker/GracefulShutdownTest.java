package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class GracefulShutdownTest {

    @Test
    void workThatEndsWithinTheShutdownTimeoutIsFinishedAndReported() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("shutdown_finishes", 2)) {
            ConfigurableApplicationContext worker = bed.startWorker(
                    "worker-a",
                    Map.of(
                            "imagegen.worker.backends.default.latency",
                            "1s",
                            "imagegen.worker.shutdown-timeout",
                            "20s"));
            UUID taskId = bed.submitTask(1, null);
            bed.startRelay();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count("SELECT count(*) FROM queue_tasks WHERE status = 'processing'") == 1);

            worker.close();

            assertThat(bed.jdbc
                            .sql(
                                    "SELECT attempt || ' ' || status || ' ' || worker_id FROM queue_tasks WHERE task_id = ?")
                            .param(taskId)
                            .query(String.class)
                            .list())
                    .containsExactly("1 completed worker-a");
        }
    }

    @Test
    void workStillRunningAtTheShutdownTimeoutIsReleasedAndRetriedElsewhere() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("shutdown_releases", 2)) {
            ConfigurableApplicationContext worker = bed.startWorker(
                    "worker-a",
                    Map.of(
                            "imagegen.worker.backends.default.latency",
                            "1h",
                            "imagegen.worker.shutdown-timeout",
                            "200ms"));
            UUID taskId = bed.submitTask(1, null);
            bed.startRelay();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count("SELECT count(*) FROM queue_tasks WHERE status = 'processing'") == 1);

            worker.close();

            assertThat(bed.jdbc
                            .sql("SELECT status || ' ' || error FROM queue_tasks WHERE task_id = ? AND attempt = 1")
                            .param(taskId)
                            .query(String.class)
                            .single())
                    .isEqualTo("failed worker stopped during generation");
            assertThat(bed.count("SELECT current_concurrent_tasks FROM task_queues WHERE id = ?", bed.queueId))
                    .isZero();

            bed.startWorker("worker-b", Map.of("imagegen.worker.backends.default.latency", "10ms"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count(
                                    "SELECT count(*) FROM subtasks WHERE task_id = ? AND status = 'completed'", taskId)
                            == 1);
            assertThat(bed.jdbc
                            .sql("SELECT attempt || ' ' || status || ' ' || worker_id FROM queue_tasks"
                                    + " WHERE task_id = ? ORDER BY id")
                            .param(taskId)
                            .query(String.class)
                            .list())
                    .containsExactly("1 failed worker-a", "2 completed worker-b");
        }
    }
}
