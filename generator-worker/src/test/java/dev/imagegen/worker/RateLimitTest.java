package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A queue's rate limit across three workers (V160): the starts are read back from the database, and the
 * concurrency limit is sampled while they run.
 */
class RateLimitTest {

    private static final int RATE = 20;

    @Test
    void noSlidingMinuteHoldsMoreThanTheRateAndEveryFullMinuteReachesIt() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("rate_limited", 3)) {
            bed.jdbc
                    .sql("UPDATE task_queues SET rate_limit_per_minute = ? WHERE id = ?")
                    .params(RATE, bed.queueId)
                    .update();
            bed.set("imagegen.worker.backends.default.latency", "100ms");
            bed.startWorker("worker-a", Map.of());
            bed.startWorker("worker-b", Map.of());
            bed.startWorker("worker-c", Map.of());
            bed.awaitConsumers(6);

            AtomicInteger maxRunning = new AtomicInteger();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> maxRunning.accumulateAndGet(
                            (int) bed.count(
                                    "SELECT count(*) FROM queue_tasks WHERE queue_id = ? AND status = 'processing'",
                                    bed.queueId),
                            Math::max),
                    0,
                    20,
                    TimeUnit.MILLISECONDS);
            bed.submitToBacklog(bed.createUser(), 100, 1);
            bed.startRelay();
            try {
                await().atMost(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> bed.count(
                                        "SELECT count(*) FROM queue_tasks WHERE queue_id = ? AND started_at"
                                                + " > (SELECT min(started_at) FROM queue_tasks WHERE queue_id = ?)"
                                                + " + interval '3 minutes'",
                                        bed.queueId,
                                        bed.queueId)
                                > 0);
            } finally {
                sampler.shutdown();
                sampler.awaitTermination(5, TimeUnit.SECONDS);
            }

            List<Instant> starts = new ArrayList<>(bed
                    .jdbc
                    .sql("SELECT started_at FROM queue_tasks WHERE queue_id = ? AND started_at IS NOT NULL"
                            + " ORDER BY started_at")
                    .param(bed.queueId)
                    .query(OffsetDateTime.class)
                    .list()
                    .stream()
                    .map(OffsetDateTime::toInstant)
                    .toList());
            for (int i = 0; i < starts.size(); i++) {
                Instant from = starts.get(i);
                long inMinute = starts.stream()
                        .filter(t -> !t.isBefore(from) && t.isBefore(from.plusSeconds(60)))
                        .count();
                assertThat(inMinute).as("starts in the minute from %s", from).isLessThanOrEqualTo(RATE);
            }
            Instant first = starts.getFirst();
            for (int minute = 0; minute < 3; minute++) {
                Instant from = first.plusSeconds(60L * minute);
                long inMinute = starts.stream()
                        .filter(t -> !t.isBefore(from) && t.isBefore(from.plusSeconds(60)))
                        .count();
                assertThat(inMinute).as("starts in full minute %d", minute + 1).isGreaterThanOrEqualTo(RATE - 1);
            }
            assertThat(maxRunning.get()).as("the concurrency limit held too").isBetween(1, 3);
        }
    }
}
