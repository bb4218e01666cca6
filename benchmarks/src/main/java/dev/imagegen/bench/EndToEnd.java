package dev.imagegen.bench;

import dev.imagegen.local.LocalApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system end to end with the no-op backend: N subtasks submitted through {@code POST
 * /api/tasks} back to back, through the API's transaction, Debezium, Kafka and the workers' claims,
 * timed from the first {@code queue_tasks} insert to the last completion.
 */
final class EndToEnd {

    static final int NOOP_LIMIT = 64;
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final Pattern NOT_PENDING =
            Pattern.compile("(?m)^imagegen_worker_claims_total\\{[^}]*outcome=\"not_pending\"[^}]*} ([0-9.eE+-]+)$");

    private final BenchSystem system;
    private final Sizes sizes;
    private final List<String> notes;

    EndToEnd(BenchSystem system, Sizes sizes, List<String> notes) {
        this.system = system;
        this.sizes = sizes;
        this.notes = notes;
    }

    static String label(int instances) {
        return "ours, " + instances + " worker" + (instances == 1 ? "" : "s");
    }

    /** The no-op throughput of the running workers ({@code instances} of them). */
    Row throughput(int instances) throws Exception {
        return throughput(instances, label(instances));
    }

    /** The same, under another label (a variant of the setup). */
    Row throughput(int instances, String label) throws Exception {
        BenchRunner.log(label + ": warm-up " + sizes.warmup() + " subtasks");
        submitAndAwait("warmup", sizes.warmup(), Duration.ofMinutes(5));
        // Every run starts from vacuumed tables with fresh statistics, whatever autovacuum did before.
        system.update("VACUUM (ANALYZE)");

        BenchRunner.log(label + ": " + sizes.noopSubtasks() + " no-op subtasks in tasks of " + sizes.chunk());
        CpuTime cpu = system.cpu();
        if (system.statements != null) {
            system.statements.reset();
        }
        CpuTime.Sample before = cpu.sample();
        long from = submitAndAwait("noop", sizes.noopSubtasks(), Duration.ofMinutes(15));
        notes.add(CpuTime.between(label, before, cpu.sample(), sizes.noopSubtasks()));
        BenchRunner.log(notes.getLast());
        if (system.statements != null) {
            notes.add(system.statements.top(label));
            BenchRunner.log(notes.getLast());
        }
        List<Object[]> span = system.query(BenchSql.SPAN_AFTER, from);
        double completed = ((Number) span.getFirst()[0]).doubleValue();
        double wall = ((Number) span.getFirst()[1]).doubleValue();
        double drain = ((Number) span.getFirst()[2]).doubleValue();
        String result = system.queryString(BenchSql.A_RESULT_AFTER, from);
        if (result == null || !result.contains("noop")) {
            notes.add(label + ": a subtask's result does not name the noop backend: " + result);
        }
        notes.add("%s: drain rate (first claim to last completion) %.0f subtasks/s over %.2f s"
                .formatted(label, completed / drain, drain));
        return Row.throughput(
                label,
                "no-op 0 ms, %d x %d consumers, limit %d, REST submit, tasks of %d"
                        .formatted(instances, BenchSystem.CONSUMERS_PER_WORKER, NOOP_LIMIT, sizes.chunk()),
                (long) completed,
                wall);
    }

    /** Submits {@code subtasks} in tasks of the run's chunk size and waits for all; answers the id before them. */
    long submitAndAwait(String name, int subtasks, Duration timeout) throws Exception {
        long from = system.queryLong(BenchSql.LAST_ATTEMPT);
        int left = subtasks;
        int n = 0;
        List<String> tasks = new ArrayList<>();
        while (left > 0) {
            int size = Math.min(left, sizes.chunk());
            tasks.add(system.api.submit(name + "-" + n++, size).toString());
            left -= size;
        }
        awaitCompleted(from, subtasks, timeout, String.join(",", tasks));
        return from;
    }

    /**
     * Waits until {@code expected} attempts after {@code from} completed. When none completes for
     * {@link #STALL} the rest are reported as stuck (a note naming them and the workers'
     * not_pending claim count) and the run goes on with what completed; past {@code timeout} it fails.
     */
    void awaitCompleted(long from, int expected, Duration timeout) throws Exception {
        awaitCompleted(from, expected, timeout, null);
    }

    /**
     * The same, counting from the progress of the tasks named (comma-separated ids) when given: a few rows
     * read by key, where counting the attempts reads every attempt since {@code from} and, polled every
     * 20 ms, took a tenth of the database's time in a 5,000-subtask run.
     */
    void awaitCompleted(long from, int expected, Duration timeout, String tasks) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long done = -1;
        long progressed = System.nanoTime();
        while (true) {
            long count = tasks == null
                    ? system.queryLong(BenchSql.COMPLETED_AFTER, from)
                    : system.queryLong(BenchSql.COMPLETED_IN_TASKS, tasks);
            long now = System.nanoTime();
            if (count >= expected) {
                return;
            }
            if (count != done) {
                done = count;
                progressed = now;
            } else if (now - progressed > STALL.toNanos()) {
                String note = ("%d of %d attempts did not complete (no progress for %d s): %s; the workers' claims"
                                + " answered not_pending %s times so far; stuck attempts are left out of the"
                                + " figures")
                        .formatted(
                                expected - done,
                                expected,
                                STALL.toSeconds(),
                                system.queryString(BenchSql.NOT_COMPLETED_AFTER, from),
                                notPendingClaims());
                notes.add(note);
                BenchRunner.log(note);
                return;
            }
            if (now > deadline) {
                throw new IllegalStateException("only " + done + " of " + expected + " subtasks completed within "
                        + timeout + "; see " + system.logs);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** The sum over the running workers of {@code imagegen_worker_claims_total{outcome="not_pending"}}. */
    private String notPendingClaims() {
        double sum = 0;
        HttpClient http = HttpClient.newHttpClient();
        for (LocalApp worker : system.workers()) {
            try {
                String body = http.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + worker.port + "/actuator/prometheus"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher m = NOT_PENDING.matcher(body);
                while (m.find()) {
                    sum += Double.parseDouble(m.group(1));
                }
            } catch (IOException | InterruptedException e) {
                return "(unknown: " + e.getMessage() + ")";
            }
        }
        return String.valueOf((long) sum);
    }

    /** Rows of the scaling table: subtasks/s per worker-process count, in the order measured. */
    static List<Row> scaling(List<Row> rows) {
        List<Row> scaling = new ArrayList<>();
        for (Row row : rows) {
            if (row.run().startsWith("ours, ") && row.run().contains(" worker")) {
                scaling.add(row);
            }
        }
        return scaling;
    }
}
