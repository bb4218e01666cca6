package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagegen.events.QueueTaskDispatched;
import dev.imagegen.worker.claim.Attempt;
import dev.imagegen.worker.claim.Completion;
import dev.imagegen.worker.generation.GenerationRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
                    // "before": the claim committed as the worker stopped, before its generation could start.
                    .isIn("failed worker stopped during generation", "failed worker stopped before generation");
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

    @Test
    void anAttemptClaimedAsTheWorkerStopsIsReleasedAtOnceInsteadOfWaitingForItsLease() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("shutdown_claimed", 2)) {
            ConfigurableApplicationContext worker = bed.startWorker("worker-a");
            UUID taskId = bed.submitTask(1, null);
            long id = bed.count("SELECT id FROM queue_tasks WHERE task_id = ?", taskId);
            UUID subtaskId = bed.jdbc
                    .sql("SELECT subtask_id FROM queue_tasks WHERE id = ?")
                    .param(id)
                    .query(UUID.class)
                    .single();
            bed.jdbc
                    .sql("SELECT claim_queue_task(?, 'worker-a', interval '10 minutes')")
                    .param(id)
                    .query(String.class)
                    .single();
            GenerationRunner runner = worker.getBean(GenerationRunner.class);
            runner.stop();

            AtomicInteger released = new AtomicInteger();
            runner.start(
                    new QueueTaskDispatched(
                            QueueTaskDispatched.VERSION,
                            id,
                            subtaskId,
                            taskId,
                            bed.queueId,
                            "shutdown_claimed",
                            1,
                            1,
                            null,
                            Instant.now()),
                    new Attempt(id, "worker-a", 1),
                    System.nanoTime(),
                    new GenerationRunner.Reporter() {
                        @Override
                        public void finished(Completion completion) {
                            throw new AssertionError("a generation that never started has no result");
                        }

                        @Override
                        public void released() {
                            released.incrementAndGet();
                        }
                    });

            assertThat(released).hasValue(1);
            assertThat(bed.jdbc
                            .sql("SELECT status || ' ' || error FROM queue_tasks WHERE id = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("failed worker stopped before generation");
            // Retried at once: the next attempt is due now (the sweeper moves it to queue_tasks).
            assertThat(bed.count(
                            "SELECT (SELECT count(*) FROM queue_tasks WHERE task_id = ? AND attempt = 2)"
                                    + " + (SELECT count(*) FROM subtask_retries WHERE task_id = ? AND attempt = 2"
                                    + "      AND due_at <= now())",
                            taskId,
                            taskId))
                    .as("retried at once")
                    .isEqualTo(1);
        }
    }
}
