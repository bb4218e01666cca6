package dev.imagegen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./imagegen bench}: starts the system ({@link BenchSystem}), measures it end to end with 1,
 * 2, 4 and 8 worker processes ({@link EndToEnd}, {@link PacedLatency}) and with a full queue
 * ({@link SlotRun}), db-scheduler on the same server ({@link DbSchedulerBench}) and the pgbench limit
 * of the claim SQL ({@link PgbenchRuns}), and prints one markdown report ({@link BenchReport}), also
 * written to {@code benchmarks/target/bench-results.md}. Run from the project directory.
 */
public final class BenchRunner {

    private static final String USAGE = """
            Usage: ./imagegen bench [--quick] [--all] [--workers N,M,...] [--live-streams] [--statements] [--throughput]

              (default)  full sizes: 5,000 no-op subtasks per run with 1, 2, 4 and 8 workers, 15 s of
                         paced submissions for latency (1 and 4 workers), 2,600 one-second jobs at a limit
                         of 40 (about 65 s), 15 s per pgbench run (about 20 minutes)
              --quick    small sizes (500 / 5 s / 400 / 5 s, 1 and 2 workers) to check the harness
              --workers  the worker counts of the scaling runs instead of the default (1,4 for
                         a shorter run; the 4-worker row is the one the comparison reads)
              --statements
                         load pg_stat_statements and note, after each no-op run, the statements
                         that took the most time (functions' and triggers' SQL included)
              --all      afterwards, with every server of the run stopped, also re-run the progress
                         trigger benchmark (schema) and the submission benchmark (task-api) through the
                         Maven wrapper and include their tables (adds about 10 minutes)
              --throughput  only the no-op rows, twice, without the latency runs (with --workers 1,4
                         about 5 minutes): to compare two builds of the claim path back to back
              --live-streams  only the live task streams' cost: 200 open streams on running tasks
                         against none (about 2 minutes)

            PostgreSQL 5443, Kafka 9192/9193, apps 8180-8189; run directory benchmarks/target/bench-run
            (deleted at the start of each run); pgbench needs Debian's postgresql-contrib.
            """;

    private static final java.time.Duration LIVE_WINDOW = java.time.Duration.ofSeconds(15);

    private final Sizes sizes;
    private final BenchSystem system;
    private final List<Row> rows = new ArrayList<>();
    private final List<Stages> stages = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private volatile boolean stopping;

    private BenchRunner(Sizes sizes, Path runDir) {
        this.sizes = sizes;
        this.system = new BenchSystem(runDir);
    }

    public static void main(String[] args) throws Exception {
        Sizes sizes = Sizes.FULL;
        boolean all = false;
        boolean liveOnly = false;
        boolean statements = false;
        boolean throughputOnly = false;
        int[] workers = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> sizes = Sizes.QUICK;
                case "--all" -> all = true;
                case "--live-streams" -> liveOnly = true;
                case "--statements" -> statements = true;
                case "--throughput" -> throughputOnly = true;
                case "--workers" ->
                    workers = java.util.Arrays.stream(args[++i].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "-h", "--help", "help" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> {
                    System.err.println("Unknown option: " + arg);
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        }
        if (workers != null) {
            sizes = sizes.withScaling(workers);
        }
        BenchRunner runner = new BenchRunner(
                sizes, Path.of("benchmarks", "target", "bench-run").toAbsolutePath());
        if (statements) {
            runner.system.statements = new Statements(BenchSystem.PG_PORT);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            runner.stopping = true;
                            runner.system.stopAll();
                        },
                        "bench-stop"));
        int status = 0;
        try {
            if (liveOnly) {
                runner.runLiveStreams();
            } else {
                runner.run(all, throughputOnly);
            }
        } catch (Exception e) {
            if (!runner.stopping) {
                System.err.println("The benchmark failed: " + e);
                e.printStackTrace();
                System.err.println("Logs: " + runner.system.logs);
                status = 1;
            }
        } finally {
            runner.system.stopAll();
        }
        System.exit(status);
    }

    private void run(boolean all, boolean throughputOnly) throws Exception {
        Instant begun = Instant.now();
        long started = System.nanoTime();
        String loadBefore = loadAverage();
        log("bench (" + sizes.name() + "): run directory " + system.runDir + ", load average " + loadBefore);
        system.start();
        String postgresVersion = system.queryString(BenchSql.SERVER);
        EndToEnd endToEnd = new EndToEnd(system, sizes, notes);
        PacedLatency paced = new PacedLatency(system, sizes, endToEnd);

        if (throughputOnly) {
            // Two rounds of the no-op rows alone, without the latency runs: the rounds show the noise.
            for (int round = 1; round <= 2; round++) {
                for (int instances : sizes.scaling()) {
                    system.setLimit(EndToEnd.NOOP_LIMIT);
                    system.startWorkers(instances, "0ms");
                    rows.add(endToEnd.throughput(instances, EndToEnd.label(instances) + ", round " + round));
                    system.stopWorkers();
                }
                allAdmittedAtOnce(endToEnd, ", round " + round);
            }
        } else {
            // 1. No-op end to end, 1 to 8 worker processes; submit -> claim latency with 1 and 4.
            for (int instances : sizes.scaling()) {
                system.setLimit(EndToEnd.NOOP_LIMIT);
                system.startWorkers(instances, "0ms");
                Row row = endToEnd.throughput(instances);
                if (instances == 1 || instances == 4) {
                    row = row.withLatency(paced.measure(row.run(), stages));
                }
                rows.add(row);
                system.stopWorkers();
            }

            // 1b. Admission's cost: the same 4-process run with every attempt admitted at submission, as before
            // admission.
            allAdmittedAtOnce(endToEnd, "");
        }
        List<String> extra = new ArrayList<>();
        String pgbenchVersion = "pgbench not run";
        if (!throughputOnly) {
            pgbenchVersion = fullRows(endToEnd, extra);
        }
        String loadAfter = loadAverage();
        system.stopAll();

        if (all) {
            extra.add(MavenBenchmarks.run(
                    system,
                    "Progress triggers (schema, ProgressTriggerBenchmark)",
                    "schema",
                    "dev.imagegen.schema.ProgressTriggerBenchmark"));
            extra.add(MavenBenchmarks.run(
                    system,
                    "Submission (task-api, SubmissionBenchmark)",
                    "task-api",
                    "dev.imagegen.api.submit.SubmissionBenchmark"));
        }
        String header = "## imagegen bench (%s), %s UTC, %.0f s%n%n"
                        .formatted(
                                sizes.name(),
                                begun.atOffset(ZoneOffset.UTC)
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toLocalDateTime(),
                                (System.nanoTime() - started) / 1e9)
                + "Machine: %s; %d cores (availableProcessors), nproc %s; load average %s at start, %s at end;%n"
                        .formatted(
                                cpuModel(),
                                Runtime.getRuntime().availableProcessors(),
                                command("nproc"),
                                loadBefore,
                                loadAfter)
                + "JVM %s %s; PostgreSQL %s (embedded, one server for all rows); %s; Kafka one KRaft broker.%n%n"
                        .formatted(
                                System.getProperty("java.vm.vendor"),
                                Runtime.version(),
                                postgresVersion,
                                pgbenchVersion);
        String report = new BenchReport(sizes, rows, stages, notes).render(header, extra);
        System.out.println();
        System.out.println(report);
        Path results = Path.of("benchmarks", "target", "bench-results.md").toAbsolutePath();
        Files.writeString(results, report);
        System.out.println("Written to " + results);
    }

    /** The 4-process no-op row with every attempt admitted at submission, as before admission. */
    private void allAdmittedAtOnce(EndToEnd endToEnd, String suffix) throws Exception {
        system.setLimit(EndToEnd.NOOP_LIMIT);
        system.update(BenchSql.SET_ADMISSION_WINDOW, 10_000, system.queueId);
        system.startWorkers(4, "0ms");
        rows.add(endToEnd.throughput(4, "ours, all admitted at once, 4 processes" + suffix));
        system.stopWorkers();
        system.update(BenchSql.ADAPTIVE_ADMISSION_WINDOW, system.queueId);
    }

    /** Rows 2 to 5: the full queue, the scheduling order, live streams, db-scheduler, pgbench. */
    private String fullRows(EndToEnd endToEnd, List<String> extra) throws Exception {
        // 2. A full queue: 40 slots, 1 s jobs, 4 worker processes; then the scheduling order on it.
        system.setLimit(SlotRun.SLOT_LIMIT);
        system.startWorkers(4, "1s");
        rows.add(new SlotRun(system, sizes, endToEnd, notes).measure(4));
        String scheduling = new SchedulingRun(system, notes).measure();
        system.stopWorkers();

        // 3. What 200 open task streams cost.
        String live = new LiveStreams(system, LIVE_WINDOW).measure();

        // 4. The peer: db-scheduler on the same server.
        rows.addAll(DbSchedulerBench.rows(
                sizes, BenchSystem.PG_PORT, 4 * BenchSystem.CONSUMERS_PER_WORKER, system.cpu(), notes));

        // 5. The limit of the SQL alone.
        String pgbenchVersion = "pgbench missing";
        if (Pgbench.available()) {
            pgbenchVersion = command(Pgbench.BINARY.toString(), "--version");
            rows.addAll(new PgbenchRuns(system, sizes, notes).measure());
        } else {
            notes.add("pgbench rows skipped: " + Pgbench.BINARY
                    + " is missing; install it with `apt-get install postgresql-contrib`.");
            log(notes.getLast());
        }
        extra.add(live);
        extra.add(scheduling);
        return pgbenchVersion;
    }

    /** {@code --live-streams}: the system, then only {@link LiveStreams}. */
    private void runLiveStreams() throws Exception {
        log("bench live streams: run directory " + system.runDir + ", load average " + loadAverage());
        system.start();
        String table = new LiveStreams(system, LIVE_WINDOW).measure();
        String report = "Machine: %s; %d cores; load average %s at end%n%n"
                        .formatted(cpuModel(), Runtime.getRuntime().availableProcessors(), loadAverage())
                + table;
        System.out.println();
        System.out.println(report);
        Path results = Path.of("benchmarks", "target", "bench-live-streams.md").toAbsolutePath();
        Files.writeString(results, report);
        System.out.println("Written to " + results);
    }

    static void log(String message) {
        System.out.println(
                Instant.now().atOffset(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.SECONDS) + "  " + message);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    static String command(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "unavailable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unavailable";
        }
    }
}
