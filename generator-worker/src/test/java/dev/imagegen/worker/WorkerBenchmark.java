package dev.imagegen.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Measures the worker against real PostgreSQL and Kafka, all in this JVM, and prints a markdown
 * table: the slot hand-off gap (a slot freeing to the next claim, from the database's own
 * timestamps), slot utilization with 1 s jobs at a limit of 40, and no-op throughput with 1, 2
 * and 4 worker instances. Arguments: the scenarios to run (handoff, utilization, throughput; default all).
 */
public final class WorkerBenchmark {

    private static final String HANDOFF_GAPS = """
            WITH c AS (SELECT completed_at AS t, row_number() OVER (ORDER BY completed_at) AS k
                         FROM queue_tasks WHERE queue_id = :queue AND status = 'completed'),
                 s AS (SELECT started_at AS t, row_number() OVER (ORDER BY started_at) AS k
                         FROM queue_tasks WHERE queue_id = :queue AND started_at IS NOT NULL)
            SELECT extract(epoch FROM s.t - c.t) * 1000 FROM c JOIN s ON s.k = c.k + :limit ORDER BY 1
            """;
    private static final String SPAN = """
            SELECT count(*)::float8 AS jobs,
                   extract(epoch FROM max(completed_at) - min(started_at)) AS span_s,
                   extract(epoch FROM sum(completed_at - started_at)) AS busy_s
              FROM queue_tasks WHERE queue_id = :queue AND status = 'completed'
            """;

    private WorkerBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> scenarios = args.length == 0 ? List.of("handoff", "utilization", "throughput") : List.of(args);
        List<String> rows = new ArrayList<>();
        if (scenarios.contains("handoff")) {
            rows.add(handoff());
        }
        if (scenarios.contains("utilization")) {
            rows.add(utilization());
        }
        if (scenarios.contains("throughput")) {
            for (int instances : new int[] {1, 2, 4}) {
                rows.add(throughput(instances));
            }
        }
        System.out.println();
        System.out.println("| measurement | setup | result |");
        System.out.println("|---|---|---|");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static String handoff() throws Exception {
        int limit = 4;
        try (WorkerTestBed bed = run("bench_handoff", limit, 2, 400, "50ms")) {
            List<Double> gaps = bed.jdbc
                    .sql(HANDOFF_GAPS)
                    .param("queue", bed.queueId)
                    .param("limit", limit)
                    .query(Double.class)
                    .list();
            List<Double> wakeToClaim = new ArrayList<>();
            for (var worker : bed.workers()) {
                for (Timer timer : worker.getBean(MeterRegistry.class)
                        .find("imagegen.worker.slot.handoff")
                        .timers()) {
                    for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
                        if (p.percentile() == 0.5) {
                            wakeToClaim.add(p.value(TimeUnit.MILLISECONDS));
                        }
                    }
                }
            }
            return ("| slot hand-off gap (slot freed -> next claim) | 2 instances, limit 4, 400 jobs of 50 ms, %d hand-offs"
                            + " | p50 %.1f ms, p99 %.1f ms, max %.1f ms (in-process wake -> claim p50 per instance: %s) |")
                    .formatted(
                            gaps.size(),
                            percentile(gaps, 0.50),
                            percentile(gaps, 0.99),
                            gaps.getLast(),
                            wakeToClaim.stream()
                                    .map(v -> "%.1f ms".formatted(v))
                                    .toList());
        }
    }

    private static String utilization() throws Exception {
        int limit = 40;
        try (WorkerTestBed bed = run("bench_utilization", limit, 2, 400, "1s")) {
            double[] span = span(bed);
            double utilization = span[2] / (limit * span[1]);
            return "| slot utilization | 2 instances, limit 40, 400 jobs of 1 s (ideal %.1f s) | %.1f %% (%.2f s wall) |"
                    .formatted(400.0 / limit, utilization * 100, span[1]);
        }
    }

    private static String throughput(int instances) throws Exception {
        try (WorkerTestBed bed = run("bench_noop_" + instances, 64, instances, 3000, "0ms")) {
            double[] span = span(bed);
            double transactions = 0;
            double completions = 0;
            double claims = 0;
            double settleMillis = 0;
            for (var worker : bed.workers()) {
                MeterRegistry registry = worker.getBean(MeterRegistry.class);
                for (Timer timer : registry.find("imagegen.worker.settle").timers()) {
                    settleMillis += timer.totalTime(TimeUnit.MILLISECONDS);
                }
                for (var summary :
                        registry.find("imagegen.worker.settle.completions").summaries()) {
                    transactions += summary.count();
                    completions += summary.totalAmount();
                }
                for (var summary :
                        registry.find("imagegen.worker.settle.claims").summaries()) {
                    claims += summary.totalAmount();
                }
            }
            return ("| no-op throughput | %d instance(s) x 2 consumers, limit 64, 3000 jobs | %.0f subtasks/s"
                            + " (%.0f settle transactions, %.1f reports and %.1f claims each, %.1f ms each) |")
                    .formatted(
                            instances,
                            span[0] / span[1],
                            transactions,
                            completions / transactions,
                            claims / transactions,
                            settleMillis / transactions);
        }
    }

    /** Starts the instances, waits until they all joined the group, then submits and awaits the jobs. */
    private static WorkerTestBed run(String name, int limit, int instances, int jobs, String latency) throws Exception {
        WorkerTestBed bed = new WorkerTestBed(name, limit, 12);
        bed.set("imagegen.worker.backends.default.type", "noop");
        bed.set("imagegen.worker.backends.default.latency", latency);
        bed.set("imagegen.worker.lease", "30s");
        bed.set("imagegen.worker.lease-renewal", "10s");
        bed.set("imagegen.worker.sweep-interval", "250ms");
        bed.set("spring.datasource.hikari.maximum-pool-size", "10");
        bed.set("logging.level.root", "WARN");
        for (int i = 0; i < instances; i++) {
            bed.startWorker(name + "-worker-" + i);
        }
        bed.awaitConsumers(instances * 2);
        UUID taskId = bed.submitTask(jobs, null);
        bed.startRelay();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (bed.count("SELECT completed_subtasks FROM tasks WHERE id = ?", taskId) < jobs) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not finish");
            }
            Thread.sleep(50);
        }
        return bed;
    }

    private static double[] span(WorkerTestBed bed) {
        return bed.jdbc
                .sql(SPAN)
                .param("queue", bed.queueId)
                .query((rs, n) -> new double[] {rs.getDouble("jobs"), rs.getDouble("span_s"), rs.getDouble("busy_s")})
                .single();
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }
}
