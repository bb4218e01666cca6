package dev.imagegen.local.chaos;

import dev.imagegen.local.LocalApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./imagegen chaos [full|small]}: starts the system as separate processes, submits a steady
 * load through the API and meanwhile kills a worker mid-generation (SIGKILL), kills the leading
 * dispatcher (SIGKILL), stops and restarts Kafka, restarts PostgreSQL and rewinds the workers' offsets
 * to the beginning, while a sampler checks invariant 1 every 10 ms. Once the load stops and the system
 * has drained it checks that every subtask finished, none was generated twice, the consistency
 * functions find nothing and every attempt reached Kafka, prints a table and exits 1 if any check
 * failed.
 */
public final class ChaosRunner {

    /** How long and how hard a run is. */
    record Profile(String name, int workers, Duration load, Duration interval, int variants, Duration generation) {

        static Profile named(String name) {
            return switch (name) {
                case "full" ->
                    new Profile("full", 3, Duration.ofSeconds(150), Duration.ofMillis(400), 6, Duration.ofMillis(600));
                case "small" ->
                    new Profile("small", 3, Duration.ofSeconds(75), Duration.ofMillis(500), 4, Duration.ofMillis(600));
                default -> throw new IllegalArgumentException("unknown profile " + name + " (full or small)");
            };
        }

        /** When the i-th of the five faults is due, spread over the load. */
        Duration faultAt(int i) {
            return load.multipliedBy(i + 1).dividedBy(7);
        }

        /** The least quiet time after one fault has been dealt with before the next begins. */
        Duration gap() {
            return load.dividedBy(15);
        }
    }

    /** One injected fault: what, when (seconds into the run), and what it found or did. */
    record Fault(String name, Instant at, double second, String detail) {
        Fault withDetail(String newDetail) {
            return new Fault(name, at, second, newDetail);
        }
    }

    private static final Duration LEASE = Duration.ofSeconds(5);

    private ChaosRunner() {}

    public static void main(String[] args) throws Exception {
        Profile profile = Profile.named(args.length > 0 ? args[0] : "full");
        Path home = Path.of(".chaos", profile.name()).toAbsolutePath();
        Path logs = Files.createDirectories(LocalApp.emptyDirectory(home).resolve("logs"));
        System.out.printf(
                "Chaos run '%s': %d workers, 2 dispatchers, load %ds, logs in %s%n",
                profile.name(), profile.workers(), profile.load().toSeconds(), logs);

        boolean passed;
        long started = System.nanoTime();
        try (RecordingBackend backend = RecordingBackend.start(profile.generation());
                ChaosSystem system = ChaosSystem.start(home, logs, profile.workers(), LEASE, backend)) {
            Thread stopper = new Thread(system::close, "chaos-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            System.out.printf("System up in %.0f s%n", (System.nanoTime() - started) / 1e9);
            passed = run(profile, system, backend);
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
        System.exit(passed ? 0 : 1);
    }

    private static boolean run(Profile profile, ChaosSystem system, RecordingBackend backend) throws Exception {
        List<Fault> faults = new ArrayList<>();
        Instant start = Instant.now();
        SteadyLoad load = new SteadyLoad(ChaosSystem.API_PORT, "user1", profile.variants(), Duration.ofSeconds(120));
        try (InvariantSampler sampler = new InvariantSampler(system.jdbcUrl(), "imagegen", "imagegen");
                load) {
            sampler.start(Duration.ofMillis(10));
            load.start(profile.interval());

            waitForFault(start, profile, 0, faults);
            ChaosSystem.KilledWorker killed = system.killBusiestWorker();
            faults.add(fault(
                    start,
                    "SIGKILL worker mid-generation",
                    killed.id() + " held " + killed.runningAttempts() + " running attempts"));
            system.restartWorker(killed.slot());

            waitForFault(start, profile, 1, faults);
            int dispatcher = system.killLeadingDispatcher();
            Instant killedAt = Instant.now();
            faults.add(fault(start, "SIGKILL leading dispatcher", "dispatcher-" + (dispatcher + 1)));
            String takeover = awaitLeader(system, Duration.ofSeconds(60));
            faults.set(
                    faults.size() - 1,
                    faults.getLast()
                            .withDetail("dispatcher-%d; %s leads after %.1f s"
                                    .formatted(
                                            dispatcher + 1,
                                            takeover,
                                            Duration.between(killedAt, Instant.now())
                                                            .toMillis()
                                                    / 1e3)));
            system.restartDispatcher(dispatcher);

            waitForFault(start, profile, 2, faults);
            system.stopKafka();
            faults.add(fault(start, "Kafka broker stopped", "down 10 s"));
            Thread.sleep(10_000);
            system.startKafkaAgain();

            waitForFault(start, profile, 3, faults);
            system.stopPostgres();
            faults.add(fault(start, "PostgreSQL restarted", "fast shutdown, then started on the same data"));
            system.startPostgresAgain();

            waitForFault(start, profile, 4, faults);
            faults.add(fault(start, "Worker offsets rewound", ""));
            long rewound = system.rewindWorkerOffsets();
            faults.set(
                    faults.size() - 1,
                    faults.getLast()
                            .withDetail("workers stopped, group moved to the beginning (" + rewound
                                    + " records again), restarted"));

            // The load goes on for a while after the last fault, so recovery happens under load.
            Instant recovered = Instant.now().plus(profile.gap().multipliedBy(2));
            Instant end = start.plus(profile.load());
            waitUntil(end.isAfter(recovered) ? end : recovered, Duration.ZERO);
            load.stop();
            System.out.printf(
                    "Load stopped at %.0f s: %d tasks sent, %d accepted; draining ...%n",
                    seconds(start), load.sent(), load.accepted().size());
            Duration drained = drain(system, Duration.ofSeconds(300));
            sampler.close();
            return report(profile, system, backend, load, sampler, faults, start, drained);
        }
    }

    private static Fault fault(Instant start, String name, String detail) {
        Instant now = Instant.now();
        System.out.printf("%6.1f s  %s  %s%n", seconds(start), name, detail);
        return new Fault(name, now, seconds(start), detail);
    }

    private static String awaitLeader(ChaosSystem system, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var leader = system.leadingDispatcher();
            if (leader.isPresent()) {
                return leader.get();
            }
            Thread.sleep(100);
        }
        return "no dispatcher";
    }

    /** Waits until no subtask is pending or processing; returns how long it took. */
    private static Duration drain(ChaosSystem system, Duration timeout) throws InterruptedException {
        long begin = System.nanoTime();
        long lastPrint = 0;
        long lastCount = -1;
        while (System.nanoTime() - begin < timeout.toNanos()) {
            try (Connection connection = system.connect()) {
                long unfinished = ChaosChecks.unfinished(connection);
                if (unfinished == 0) {
                    return Duration.ofNanos(System.nanoTime() - begin);
                }
                if (unfinished != lastCount && System.nanoTime() - lastPrint > 5e9
                        || System.nanoTime() - lastPrint > 60e9) {
                    System.out.printf("  %d subtasks still unfinished%n", unfinished);
                    lastPrint = System.nanoTime();
                    lastCount = unfinished;
                }
            } catch (SQLException e) {
                System.out.println("  database not reachable: " + e.getMessage());
            }
            Thread.sleep(500);
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private static boolean report(
            Profile profile,
            ChaosSystem system,
            RecordingBackend backend,
            SteadyLoad load,
            InvariantSampler sampler,
            List<Fault> faults,
            Instant start,
            Duration drained)
            throws SQLException {
        try (Connection connection = system.connect()) {
            ChaosChecks.Subtasks subtasks = ChaosChecks.subtasks(connection, load.accepted());
            ChaosChecks.Generations generations = ChaosChecks.generations(connection, backend.generations());
            long completedTwice = ChaosChecks.completedTwice(connection);
            long inconsistencies = ChaosChecks.inconsistencies(connection);
            ChaosChecks.Dispatch dispatch =
                    ChaosChecks.dispatch(connection, system.adminProperties(), Duration.ofSeconds(60));

            StringBuilder out = new StringBuilder();
            out.append("\n## Chaos run '").append(profile.name()).append("'\n\n");
            out.append("| # | fault | at s | next completion s | detail |\n|---|---|---:|---:|---|\n");
            for (int i = 0; i < faults.size(); i++) {
                Fault fault = faults.get(i);
                out.append("| %d | %s | %.1f | %s | %s |\n"
                        .formatted(
                                i + 1,
                                fault.name(),
                                fault.second(),
                                nextCompletion(connection, fault.at()),
                                fault.detail()));
            }
            out.append(timeline(connection, start, faults, dispatch.firstRecordMillis()));
            long lost = subtasks.unfinished() + subtasks.tasksMissing() * load.subtasksPerTask();
            List<String[]> checks = new ArrayList<>();
            checks.add(row("faults injected", faults.size(), faults.size() == 5));
            checks.add(row(
                    "tasks sent / accepted / refused",
                    load.sent() + " / " + load.accepted().size() + " / " + load.refused(),
                    load.refused() == 0 && load.accepted().size() == load.sent()));
            checks.add(row("submissions repeated by the client (outages)", load.retries(), true));
            checks.add(row("subtasks", subtasks.total(), subtasks.total() > 0));
            checks.add(row(
                    "completed / failed / cancelled",
                    subtasks.completed() + " / " + subtasks.failed() + " / " + subtasks.cancelled(),
                    true));
            checks.add(row(
                    "lost (unfinished after %.0f s drain, or task missing)".formatted(drained.toMillis() / 1e3),
                    lost,
                    lost == 0));
            checks.add(row("generations recorded by the backend", generations.generations(), true));
            checks.add(row(
                    "subtasks generated again after their worker died", generations.subtasksGeneratedAgain(), true));
            checks.add(row(
                    "doubles: generated by two workers at once",
                    generations.overlapping(),
                    generations.overlapping() == 0));
            checks.add(row(
                    "doubles: generated after the subtask completed",
                    generations.afterCompletion(),
                    generations.afterCompletion() == 0));
            checks.add(row("doubles: subtasks with two completed attempts", completedTwice, completedTwice == 0));
            checks.add(row("consistency functions: rows returned", inconsistencies, inconsistencies == 0));
            checks.add(row(
                    "attempts (queue_tasks rows) / dispatch records on Kafka",
                    dispatch.attempts() + " / " + dispatch.records(),
                    true));
            checks.add(row("attempts never dispatched", dispatch.undelivered(), dispatch.undelivered() == 0));
            checks.add(row(
                    "samples of invariant 1 (every 10 ms) / while PostgreSQL was down",
                    sampler.samples() + " / " + sampler.unavailable(),
                    sampler.samples() > 0));
            checks.add(row("queue samples breaking invariant 1", sampler.violating(), sampler.violating() == 0));
            for (Map.Entry<String, InvariantSampler.Peak> peak : sampler.peaks().entrySet()) {
                checks.add(row(
                        "max in flight vs limit: " + peak.getKey(),
                        peak.getValue().inFlight() + " / " + peak.getValue().limit(),
                        peak.getValue().inFlight() <= peak.getValue().limit()));
            }
            out.append("\n| check | value | ok |\n|---|---:|---|\n");
            boolean passed = true;
            for (String[] check : checks) {
                out.append("| ").append(String.join(" | ", check)).append(" |\n");
                passed &= check[2].equals("yes");
            }
            out.append("\nRun time %.0f s; %s.%n".formatted(seconds(start), passed ? "every check passed" : "FAILED"));
            sampler.violations()
                    .forEach(v -> out.append("- invariant 1: ").append(v).append('\n'));
            load.refusals().forEach(r -> out.append("- refused: ").append(r).append('\n'));
            System.out.print(out);
            try {
                Files.writeString(Path.of(".chaos", profile.name(), "report.md"), out.toString());
            } catch (IOException e) {
                System.err.println("Could not write the report: " + e.getMessage());
            }
            return passed;
        }
    }

    /**
     * Per 10 s of the run: subtasks submitted, attempts claimed and subtasks completed, and of the
     * attempts inserted in that bucket the slowest insert-to-Kafka (the dispatcher's part) and
     * insert-to-claim (all of it); a fault marks its bucket.
     */
    private static String timeline(
            Connection connection, Instant start, List<Fault> faults, Map<Long, Long> firstRecordMillis)
            throws SQLException {
        StringBuilder out = new StringBuilder(
                "\n| from s | submitted | claimed | completed | slowest insert->Kafka s | slowest insert->claim s | fault |\n"
                        + "|---:|---:|---:|---:|---:|---:|---|\n");
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH buckets AS (
                    SELECT b FROM generate_series(0, (extract(epoch FROM clock_timestamp() - ?) / 10)::int) b),
                     dispatched AS (
                    SELECT * FROM unnest(?::bigint[], ?::bigint[]) d(id, millis)),
                     attempts AS (
                    SELECT floor(extract(epoch FROM q.enqueued_at - ?) / 10)::int AS inserted,
                           floor(extract(epoch FROM q.started_at - ?) / 10)::int AS claimed,
                           extract(epoch FROM q.started_at - q.enqueued_at) AS wait,
                           d.millis / 1000.0 - extract(epoch FROM q.enqueued_at) AS to_kafka
                      FROM queue_tasks q LEFT JOIN dispatched d ON d.id = q.id)
                SELECT b,
                       (SELECT count(*) FROM subtasks s WHERE floor(extract(epoch FROM s.created_at - ?) / 10) = b),
                       (SELECT count(*) FROM attempts a WHERE a.claimed = b),
                       (SELECT count(*) FROM subtasks s WHERE floor(extract(epoch FROM s.completed_at - ?) / 10) = b),
                       (SELECT max(a.to_kafka) FROM attempts a WHERE a.inserted = b),
                       (SELECT max(a.wait) FROM attempts a WHERE a.inserted = b)
                  FROM buckets ORDER BY b
                """)) {
            Timestamp from = Timestamp.from(start);
            statement.setTimestamp(1, from);
            statement.setArray(
                    2,
                    connection.createArrayOf(
                            "bigint", firstRecordMillis.keySet().toArray()));
            statement.setArray(
                    3,
                    connection.createArrayOf(
                            "bigint", firstRecordMillis.values().toArray()));
            for (int i = 4; i <= 7; i++) {
                statement.setTimestamp(i, from);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int bucket = rows.getInt(1);
                    String marks = faults.stream()
                            .filter(f -> (int) (f.second() / 10) == bucket)
                            .map(Fault::name)
                            .reduce((a, b) -> a + "; " + b)
                            .orElse("");
                    out.append("| %d | %d | %d | %d | %s | %s | %s |\n"
                            .formatted(
                                    bucket * 10,
                                    rows.getLong(2),
                                    rows.getLong(3),
                                    rows.getLong(4),
                                    seconds(rows, 5),
                                    seconds(rows, 6),
                                    marks));
                }
            }
        }
        return out.toString();
    }

    private static String seconds(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? "" : "%.2f".formatted(value);
    }

    private static String nextCompletion(Connection connection, Instant after) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT min(completed_at) FROM subtasks WHERE completed_at > ?")) {
            statement.setTimestamp(1, Timestamp.from(after));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                Timestamp next = row.getTimestamp(1);
                return next == null
                        ? "none"
                        : "%.2f"
                                .formatted(Duration.between(after, next.toInstant())
                                                .toMillis()
                                        / 1e3);
            }
        }
    }

    private static String[] row(String check, Object value, boolean ok) {
        return new String[] {check, String.valueOf(value), ok ? "yes" : "**no**"};
    }

    /** Waits until fault {@code i} is due and the previous fault is at least a gap behind. */
    private static void waitForFault(Instant start, Profile profile, int i, List<Fault> faults)
            throws InterruptedException {
        Instant due = start.plus(profile.faultAt(i));
        Instant quiet = Instant.now().plus(profile.gap());
        waitUntil(faults.isEmpty() || due.isAfter(quiet) ? due : quiet, Duration.ZERO);
    }

    private static void waitUntil(Instant start, Duration offset) throws InterruptedException {
        long wait = Duration.between(Instant.now(), start.plus(offset)).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1e3;
    }
}
