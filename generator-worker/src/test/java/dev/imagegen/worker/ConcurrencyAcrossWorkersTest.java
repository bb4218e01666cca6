package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConcurrencyAcrossWorkersTest {

    private static final String STARTED_ATTEMPTS = """
            SELECT count(*) FROM task_logs l, jsonb_array_elements(l.details -> 'attempts') AS a
             WHERE l.task_id = ? AND l.message = 'started'
            """;

    private static final String SAMPLE = """
            SELECT q.current_concurrent_tasks AS counter,
                   (SELECT count(*) FROM queue_tasks t WHERE t.queue_id = q.id AND t.status = 'processing') AS running
              FROM task_queues q WHERE q.id = ?
            """;

    @Test
    void threeWorkersNeverRunMoreThanTheQueueLimitAndCompleteEverySubtaskOnce() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("concurrency_three_workers", 3)) {
            // The limit and once-only claims are what this test is about. With the bed's 2 s lease a
            // worker on a saturated machine may, rightly, stop a generation it could not renew in
            // time and release it for a retry (LeaseTest proves that fence), which adds an attempt.
            bed.set("imagegen.worker.lease", "20s");
            bed.set("imagegen.worker.lease-renewal", "2s");
            bed.startWorker("worker-a");
            bed.startWorker("worker-b");
            bed.startWorker("worker-c");
            // Each worker's lane claims the records of its own partitions and hands a finished
            // slot to its next one, so the work is spread only if every worker holds partitions
            // before the records arrive (a worker that read them all first would do them all).
            bed.awaitConsumers(6);

            AtomicInteger maxRunning = new AtomicInteger();
            AtomicInteger samples = new AtomicInteger();
            AtomicInteger counterMismatches = new AtomicInteger();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> bed.jdbc.sql(SAMPLE).param(bed.queueId).query(rs -> {
                        int running = rs.getInt("running");
                        maxRunning.accumulateAndGet(running, Math::max);
                        if (running != rs.getInt("counter")) {
                            counterMismatches.incrementAndGet();
                        }
                        samples.incrementAndGet();
                    }),
                    0,
                    10,
                    TimeUnit.MILLISECONDS);

            UUID taskId = bed.submitTask(50, null);
            bed.startRelay();
            try {
                await().atMost(Duration.ofSeconds(90))
                        .untilAsserted(() -> assertThat(bed.count(
                                        "SELECT count(*) FROM subtasks WHERE task_id = ? AND status = 'completed'",
                                        taskId))
                                .isEqualTo(50));
            } finally {
                sampler.shutdown();
                sampler.awaitTermination(5, TimeUnit.SECONDS);
            }

            assertThat(samples.get()).isGreaterThan(100);
            assertThat(maxRunning.get()).isEqualTo(3);
            assertThat(counterMismatches.get()).isZero();
            // Every generation starts with a claim, logged as 'started' (a batch's entry lists its
            // attempts): one per subtask, no more.
            assertThat(bed.count(STARTED_ATTEMPTS, taskId)).isEqualTo(50);
            assertThat(bed.count("""
                            SELECT count(*) FROM (SELECT subtask_id FROM queue_tasks WHERE task_id = ?
                                                   AND status = 'completed' GROUP BY subtask_id HAVING count(*) = 1) s
                            """, taskId)).isEqualTo(50);
            assertThat(bed.jdbc
                            .sql("SELECT progress, status::text FROM tasks WHERE id = ?")
                            .param(taskId)
                            .query((rs, n) -> rs.getInt(1) + " " + rs.getString(2))
                            .single())
                    .isEqualTo("100 completed");
            assertThat(bed.count("SELECT count(*) FROM check_task_progress_consistency()"))
                    .isZero();
            assertThat(bed.count("SELECT count(*) FROM check_queue_concurrency_consistency()"))
                    .isZero();
            assertThat(bed.count("SELECT count(DISTINCT worker_id) FROM queue_tasks WHERE task_id = ?", taskId))
                    .isGreaterThan(1);
            String result = bed.jdbc
                    .sql("SELECT result::text FROM subtasks WHERE task_id = ? LIMIT 1")
                    .param(taskId)
                    .query(String.class)
                    .single();
            assertThat(result).contains("\"images\"", "\"width\": 1344", "\"height\": 768", "(snow:1.2)");
        }
    }

    @Test
    void replayingTheTopicFromTheStartGeneratesNothingTwice() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("replay_from_start", 5)) {
            bed.set("imagegen.worker.backends.default.latency", "10ms");
            bed.startWorker("worker-a");
            UUID taskId = bed.submitTask(10, null);
            bed.startRelay();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count(
                                    "SELECT count(*) FROM subtasks WHERE task_id = ? AND status = 'completed'", taskId)
                            == 10);

            // A new consumer group reads every record again from offset 0.
            bed.startWorker("worker-replay", Map.of("imagegen.worker.group-id", "replay-" + bed.queueName));
            AtomicLong lag = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                lag.set(ConsumerLag.of(bed.bootstrapServers, "replay-" + bed.queueName));
                assertThat(lag.get()).isZero();
            });

            assertThat(bed.count(STARTED_ATTEMPTS, taskId)).isEqualTo(10);
            assertThat(bed.count("SELECT count(*) FROM queue_tasks WHERE task_id = ?", taskId))
                    .isEqualTo(10);
        }
    }
}
