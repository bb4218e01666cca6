package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class QueueControlTest {

    @Test
    void aPausedQueueClaimsNothingAndWorkContinuesOnceItIsResumed() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("paused_queue", 5)) {
            bed.jdbc
                    .sql("UPDATE task_queues SET is_active = FALSE WHERE id = ?")
                    .param(bed.queueId)
                    .update();
            ConfigurableApplicationContext worker = bed.startWorker("worker-a");
            MeterRegistry meters = worker.getBean(MeterRegistry.class);
            UUID taskId = bed.submitTask(5, null);
            bed.startRelay();

            await().atMost(Duration.ofSeconds(60)).until(() -> claims(meters, bed.queueName, "queue_paused") >= 1);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> bed.count("SELECT count(*) FROM queue_tasks WHERE status <> 'pending'") == 0);
            // Parked, not spinning: the fallback retries about once a second, not per poll.
            assertThat(claims(meters, bed.queueName, "queue_paused")).isLessThan(30);

            bed.jdbc
                    .sql("UPDATE task_queues SET is_active = TRUE WHERE id = ?")
                    .param(bed.queueId)
                    .update();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bed.count(
                                    "SELECT count(*) FROM subtasks WHERE task_id = ? AND status = 'completed'", taskId)
                            == 5);
            assertThat(bed.count("SELECT count(*) FROM check_queue_concurrency_consistency()"))
                    .isZero();
        }
    }

    @Test
    void raisingTheLimitWhileWorkRunsFillsTheNewSlotsBeforeAnyRunningJobEnds() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("raised_limit", 1)) {
            bed.startWorker("worker-a", Map.of("imagegen.worker.backends.default.latency", "6s"));
            UUID taskId = bed.submitTask(8, null);
            bed.startRelay();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count("SELECT count(*) FROM queue_tasks WHERE status = 'processing'") == 1);

            long raisedAt = System.nanoTime();
            bed.jdbc
                    .sql("UPDATE task_queues SET max_concurrent_tasks = 5 WHERE id = ?")
                    .param(bed.queueId)
                    .update();

            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> bed.count("SELECT count(*) FROM queue_tasks WHERE status = 'processing'") == 5);
            System.out.printf(
                    "5 in flight %d ms after the limit was raised%n", (System.nanoTime() - raisedAt) / 1_000_000);
            // Woken by the notification, not by a running job finishing (each takes 6 s).
            assertThat(bed.count("SELECT count(*) FROM subtasks WHERE task_id = ? AND status = 'completed'", taskId))
                    .isZero();
            assertThat(bed.count("SELECT current_concurrent_tasks FROM task_queues WHERE id = ?", bed.queueId))
                    .isEqualTo(5);
        }
    }

    private static double claims(MeterRegistry meters, String queue, String outcome) {
        var counter = meters.find("imagegen.worker.claims")
                .tags("queue", queue, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
