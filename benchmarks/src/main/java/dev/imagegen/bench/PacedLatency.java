package dev.imagegen.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Single-subtask tasks submitted at a steady rate (so latency is the pipeline's, not a backlog's):
 * submit -> claim from {@code enqueued_at} to {@code started_at}, and its stages (the API's
 * transaction and answer, Debezium to the Kafka record, the record to the claim).
 */
final class PacedLatency {

    private final BenchSystem system;
    private final Sizes sizes;
    private final EndToEnd endToEnd;

    PacedLatency(BenchSystem system, Sizes sizes, EndToEnd endToEnd) {
        this.system = system;
        this.sizes = sizes;
        this.endToEnd = endToEnd;
    }

    /** The sorted submit -> claim latencies (ms); the stages are added to {@code stages}. */
    double[] measure(String label, List<Stages> stages) throws Exception {
        BenchRunner.log(
                label + ": paced single-subtask tasks, " + sizes.pacedPerSecond() + "/s for " + sizes.pacedFor());
        int count = (int) (sizes.pacedPerSecond() * sizes.pacedFor().toMillis() / 1000);
        long period = 1_000_000_000L / sizes.pacedPerSecond();
        Map<UUID, Long> responseMicros = new ConcurrentHashMap<>();
        long from = system.queryLong(BenchSql.LAST_ATTEMPT);
        try (DispatchObserver observer =
                new DispatchObserver(system.bootstrapServers(), "imagegen.queue." + BenchSystem.STANDARD_QUEUE)) {
            observer.awaitAssigned(Duration.ofSeconds(60));
            ExecutorService submitters = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> sent = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    LockSupport.parkNanos(start + i * period - System.nanoTime());
                    int n = i;
                    sent.add(submitters.submit(() -> {
                        UUID id = system.api.submit("paced-" + n, 1);
                        responseMicros.put(id, micros(Instant.now()));
                        return null;
                    }));
                }
                for (Future<?> future : sent) {
                    future.get();
                }
            } finally {
                submitters.shutdown();
            }
            endToEnd.awaitCompleted(from, count, Duration.ofMinutes(5));

            List<Double> total = new ArrayList<>();
            List<Double> api = new ArrayList<>();
            List<Double> dispatch = new ArrayList<>();
            List<Double> claim = new ArrayList<>();
            int missing = 0;
            for (Object[] row : system.query(BenchSql.CLAIM_TIMES_AFTER, from)) {
                long id = ((Number) row[0]).longValue();
                UUID task = (UUID) row[1];
                long enqueued = ((Number) row[2]).longValue();
                long claimed = ((Number) row[3]).longValue();
                total.add((claimed - enqueued) / 1000.0);
                Long response = responseMicros.get(task);
                Long record = observer.recordMillis(id);
                if (response == null || record == null) {
                    missing++;
                    continue;
                }
                api.add((response - enqueued) / 1000.0);
                dispatch.add((record * 1000 - response) / 1000.0);
                claim.add((claimed - record * 1000) / 1000.0);
            }
            stages.add(new Stages(label, sorted(api), sorted(dispatch), sorted(claim), missing));
            return sorted(total);
        }
    }

    private static double[] sorted(List<Double> values) {
        return Stats.sorted(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
