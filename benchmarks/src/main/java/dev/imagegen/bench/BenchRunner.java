package dev.imagegen.bench;

import dev.imagegen.local.LocalApp;
import dev.imagegen.local.LocalKafka;
import dev.imagegen.local.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * {@code ./imagegen bench}: starts PostgreSQL, Kafka, the task API, the dispatcher and generator
 * workers as separate processes on ports of its own, measures the system end to end, db-scheduler
 * and the pgbench limit on the same server, and prints one markdown table (also written to
 * {@code benchmarks/target/bench-results.md}). Run from the project directory.
 */
public final class BenchRunner {

    private static final String USAGE = """
            Usage: ./imagegen bench [--quick] [--all]

              (default)  full sizes: 5,000 no-op subtasks per run, 15 s of paced submissions for latency,
                         2,000 one-second jobs at a limit of 40, 15 s per pgbench run (about 15 minutes)
              --quick    small sizes (500 / 5 s / 400 / 5 s) to check the harness, about 3 minutes
              --all      afterwards, with every server of the run stopped, also re-run the progress
                         trigger benchmark (schema) and the submission benchmark (task-api) through the
                         Maven wrapper and include their tables (adds about 10 minutes)

            PostgreSQL 5443, Kafka 9192/9193, apps 8180-8185; run directory benchmarks/target/bench-run
            (deleted at the start of each run); pgbench needs Debian's postgresql-contrib.
            """;

    private static final int PG_PORT = 5443;
    private static final int KAFKA_PORT = 9192;
    private static final int KAFKA_CONTROLLER_PORT = 9193;
    private static final int API_PORT = 8180;
    private static final int DISPATCHER_PORT = 8181;
    private static final int FIRST_WORKER_PORT = 8182;
    private static final String WORKER_GROUP = "imagegen-generator-worker";
    private static final String STANDARD_QUEUE = "standard_tasks";
    private static final int NOOP_LIMIT = 64;
    private static final int SLOT_LIMIT = 40;
    private static final int CONSUMERS_PER_WORKER = 2;
    private static final Duration STALL = Duration.ofSeconds(30);

    /** Sizes of one run. */
    record Sizes(
            String name,
            int noopSubtasks,
            int chunk,
            int warmup,
            int pacedPerSecond,
            Duration pacedFor,
            int slotJobs,
            int pgbenchSeconds,
            int pgbenchPending) {}

    static final Sizes QUICK = new Sizes("quick", 500, 100, 100, 20, Duration.ofSeconds(5), 400, 5, 10_000);
    static final Sizes FULL = new Sizes("full", 5000, 1000, 500, 20, Duration.ofSeconds(15), 2000, 15, 30_000);

    /** One row of the table; NaN where a column does not apply. */
    record Row(
            String run,
            String setup,
            long subtasks,
            double wallSeconds,
            double perSecond,
            double[] latencyMs,
            double[] handoffMs,
            double utilization) {

        double latency(double p) {
            return latencyMs == null ? Double.NaN : Stats.percentile(latencyMs, p);
        }

        double handoff(double p) {
            return handoffMs == null ? Double.NaN : Stats.percentile(handoffMs, p);
        }
    }

    /** Submit -> claim of one paced run, split into its stages (ms, sorted). */
    record Stages(String run, double[] apiToResponse, double[] responseToKafka, double[] kafkaToClaim, int missing) {}

    private final Sizes sizes;
    private final Path runDir;
    private final Path logs;
    private final Deque<AutoCloseable> running = new ConcurrentLinkedDeque<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Stages> stages = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private volatile boolean stopping;
    private LocalKafka kafka;
    private String jdbcUrl;
    private int queueId;
    private Api api;
    private List<LocalApp> workers = List.of();

    private BenchRunner(Sizes sizes, Path runDir) {
        this.sizes = sizes;
        this.runDir = runDir;
        this.logs = runDir.resolve("logs");
    }

    public static void main(String[] args) throws Exception {
        Sizes sizes = FULL;
        boolean all = false;
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> sizes = QUICK;
                case "--all" -> all = true;
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
        Path runDir = Path.of("benchmarks", "target", "bench-run").toAbsolutePath();
        BenchRunner runner = new BenchRunner(sizes, runDir);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            runner.stopping = true;
                            runner.stopAll();
                        },
                        "bench-stop"));
        int status = 0;
        try {
            runner.run(all);
        } catch (Exception e) {
            if (!runner.stopping) {
                System.err.println("The benchmark failed: " + e);
                e.printStackTrace();
                System.err.println("Logs: " + runner.logs);
                status = 1;
            }
        } finally {
            runner.stopAll();
        }
        System.exit(status);
    }

    private void run(boolean all) throws Exception {
        Instant begun = Instant.now();
        long started = System.nanoTime();
        LocalApp.emptyDirectory(runDir);
        Files.createDirectories(logs);
        String loadBefore = loadAverage();
        log("bench (" + sizes.name() + "): run directory " + runDir + ", load average " + loadBefore);

        LocalPostgres postgres = LocalPostgres.start(runDir.resolve("postgres"), PG_PORT, Map.of());
        running.push(postgres);
        jdbcUrl = postgres.jdbcUrl();
        kafka = LocalKafka.start(runDir.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT, logs.resolve("kafka.log"));
        running.push(kafka);
        log("PostgreSQL " + jdbcUrl + ", Kafka " + kafka.bootstrapServers());

        LocalApp taskApi = startApp("task-api", "task-api", API_PORT, common());
        taskApi.awaitReady(Duration.ofSeconds(180));
        LocalApp dispatcher = startApp("dispatcher", "dispatcher", DISPATCHER_PORT, common());
        dispatcher.awaitReady(Duration.ofSeconds(180));
        api = new Api(API_PORT);
        queueId = queryInt("SELECT id FROM task_queues WHERE name = '" + STANDARD_QUEUE + "'");
        String postgresVersion = queryString("SHOW server_version") + " (fsync " + queryString("SHOW fsync")
                + ", synchronous_commit " + queryString("SHOW synchronous_commit") + ")";

        // 1. No-op end to end with 1 and 4 worker instances.
        for (int instances : new int[] {1, 4}) {
            execute("UPDATE task_queues SET max_concurrent_tasks = " + NOOP_LIMIT + " WHERE id = " + queueId);
            workers = startWorkers(instances, "0ms");
            noopRun(instances);
            stopApps(workers);
        }

        // 4. Global limit: 40 slots, 1 s jobs, 4 instances.
        execute("UPDATE task_queues SET max_concurrent_tasks = " + SLOT_LIMIT + " WHERE id = " + queueId);
        workers = startWorkers(4, "1s");
        slotRun(4);
        stopApps(workers);

        // 2. The peer: db-scheduler on the same server.
        String schedulerUrl = DbSchedulerBench.prepare(PG_PORT);
        for (DbSchedulerBench.Polling polling : DbSchedulerBench.Polling.values()) {
            int threads = 4 * CONSUMERS_PER_WORKER;
            log("db-scheduler, " + polling.label + ", " + threads + " threads: " + sizes.noopSubtasks()
                    + " executions");
            DbSchedulerBench.Result result = DbSchedulerBench.run(
                    schedulerUrl,
                    polling,
                    threads,
                    Duration.ofMillis(10),
                    sizes.noopSubtasks(),
                    sizes.pacedPerSecond(),
                    sizes.pacedFor(),
                    Duration.ofMinutes(10));
            rows.add(new Row(
                    "db-scheduler " + DB_SCHEDULER_VERSION,
                    polling.label + ", " + threads + " threads, polling 10 ms",
                    result.executions(),
                    result.wallSeconds(),
                    result.executions() / result.wallSeconds(),
                    result.latencyMs(),
                    null,
                    Double.NaN));
        }

        // 3. The limit: pgbench replaying claim + complete. The dispatcher stops first, so it does
        // not compete for the two cores (nothing it would publish is read any more).
        String pgbenchVersion = "missing";
        if (Pgbench.available()) {
            pgbenchVersion = command(Pgbench.BINARY.toString(), "--version");
            execute("UPDATE task_queues SET max_concurrent_tasks = " + NOOP_LIMIT + " WHERE id = " + queueId);
            // The last two runs are diagnostics, not the limit: commits that do not wait for their WAL
            // (synchronous_commit off) show how much of the limit is the commit itself, and the same
            // SQL with every trigger skipped (session_replication_role = replica, which needs the
            // superuser) shows how much is the triggers' work (slot counter, progress counters,
            // lifecycle messages, slot notifications).
            record PgbenchRun(int clients, boolean flush, boolean triggers) {
                String label() {
                    return !flush ? ", synchronous_commit off" : triggers ? "" : ", triggers skipped";
                }
            }
            for (PgbenchRun variant : List.of(
                    new PgbenchRun(CONSUMERS_PER_WORKER, true, true),
                    new PgbenchRun(4 * CONSUMERS_PER_WORKER, true, true),
                    new PgbenchRun(4 * CONSUMERS_PER_WORKER, false, true),
                    new PgbenchRun(CONSUMERS_PER_WORKER, true, false))) {
                int clients = variant.clients();
                if (running.contains(dispatcher)) {
                    stopApps(List.of(dispatcher));
                }
                int seeded = sizes.pgbenchPending();
                long base = seedBlock(seeded);
                log("pgbench, " + clients + " clients, " + sizes.pgbenchSeconds() + " s" + variant.label());
                Pgbench.Result result = Pgbench.run(
                        runDir,
                        PG_PORT,
                        LocalPostgres.DATABASE,
                        variant.triggers() ? LocalPostgres.USER : "postgres",
                        variant.triggers() ? LocalPostgres.PASSWORD : "postgres",
                        base,
                        clients,
                        sizes.pgbenchSeconds(),
                        !variant.flush()
                                ? Map.of("PGOPTIONS", "-c synchronous_commit=off")
                                : variant.triggers()
                                        ? Map.of()
                                        : Map.of("PGOPTIONS", "-c session_replication_role=replica"),
                        process -> running.push(process::destroy));
                long completed = queryLong("SELECT count(*) FROM queue_tasks WHERE id BETWEEN " + base + " AND "
                        + (base + seeded - 1) + " AND status = 'completed' AND worker_id LIKE 'pgbench-%'");
                rows.add(new Row(
                        variant.flush() && variant.triggers()
                                ? "pgbench limit"
                                : "diagnostic: pgbench" + variant.label(),
                        "claim tx + complete tx, " + clients + " clients, " + sizes.pgbenchSeconds() + " s",
                        completed,
                        result.seconds(),
                        completed / (double) result.seconds(),
                        null,
                        null,
                        Double.NaN));
                notes.add(("pgbench %d clients%s: %.1f tps (%d transactions), latency average %.2f ms, %d attempts"
                                + " completed of %d seeded%s")
                        .formatted(
                                clients,
                                variant.label().isEmpty()
                                        ? ""
                                        : " (" + variant.label().substring(2) + ")",
                                result.tps(),
                                result.transactions(),
                                result.latencyAverageMs(),
                                completed,
                                seeded,
                                completed < result.transactions() ? " (some clients ran out of seeded attempts)" : ""));
            }
        } else {
            notes.add("pgbench rows skipped: " + Pgbench.BINARY
                    + " is missing; install it with `apt-get install postgresql-contrib`.");
            log(notes.getLast());
        }
        String loadAfter = loadAverage();
        stopAll();

        List<String> extra = new ArrayList<>();
        if (all) {
            extra.add(mavenBenchmark(
                    "Progress triggers (schema, ProgressTriggerBenchmark)",
                    "schema",
                    "dev.imagegen.schema.ProgressTriggerBenchmark"));
            extra.add(mavenBenchmark(
                    "Submission (task-api, SubmissionBenchmark)",
                    "task-api",
                    "dev.imagegen.api.submit.SubmissionBenchmark"));
        }
        String report = report(
                begun,
                (System.nanoTime() - started) / 1e9,
                loadBefore,
                loadAfter,
                postgresVersion,
                pgbenchVersion,
                extra);
        System.out.println();
        System.out.println(report);
        Path results = Path.of("benchmarks", "target", "bench-results.md").toAbsolutePath();
        Files.writeString(results, report);
        System.out.println("Written to " + results);
    }

    private static final String DB_SCHEDULER_VERSION = dbSchedulerVersion();

    private static String dbSchedulerVersion() {
        String version =
                com.github.kagkarlsson.scheduler.Scheduler.class.getPackage().getImplementationVersion();
        if (version == null) {
            // The jar's manifest has no version; its name in target/lib has.
            String path = com.github.kagkarlsson.scheduler.Scheduler.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .getPath();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("db-scheduler-([0-9.]+)\\.jar")
                    .matcher(path);
            version = m.find() ? m.group(1) : "";
        }
        return version;
    }

    // ---------------------------------------------------------------------------------------------
    // Our runs

    private void noopRun(int instances) throws Exception {
        String label = "ours, " + instances + " worker" + (instances == 1 ? "" : "s");
        log(label + ": warm-up " + sizes.warmup() + " subtasks");
        submitAndAwait("warmup", sizes.warmup(), Duration.ofMinutes(5));

        log(label + ": " + sizes.noopSubtasks() + " no-op subtasks in tasks of " + sizes.chunk());
        long from = submitAndAwait("noop", sizes.noopSubtasks(), Duration.ofMinutes(15));
        double[] span = span(from);
        String backend = queryString("SELECT s.result::text FROM subtasks s JOIN queue_tasks q"
                + " ON q.task_id = s.task_id AND q.subtask_id = s.id WHERE q.id > " + from + " LIMIT 1");
        if (backend == null || !backend.contains("noop")) {
            notes.add(label + ": a subtask's result does not name the noop backend: " + backend);
        }

        log(label + ": paced single-subtask tasks, " + sizes.pacedPerSecond() + "/s for " + sizes.pacedFor());
        double[] latency = pacedLatency(label);
        rows.add(new Row(
                label,
                "no-op 0 ms, %d x %d consumers, limit %d, REST submit, tasks of %d"
                        .formatted(instances, CONSUMERS_PER_WORKER, NOOP_LIMIT, sizes.chunk()),
                (long) span[0],
                span[1],
                span[0] / span[1],
                latency,
                null,
                Double.NaN));
        notes.add("%s: drain rate (first claim to last completion) %.0f subtasks/s over %.2f s"
                .formatted(label, span[0] / span[2], span[2]));
    }

    private void slotRun(int instances) throws Exception {
        String label = "ours, " + SLOT_LIMIT + " slots";
        log(label + ": " + sizes.slotJobs() + " jobs of 1 s, " + instances + " workers");
        long from = submitAndAwait("slots", sizes.slotJobs(), Duration.ofMinutes(15));
        List<long[]> attempts = new ArrayList<>();
        try (Connection db = connect();
                PreparedStatement statement = db.prepareStatement("""
                        SELECT (extract(epoch FROM started_at) * 1000000)::bigint,
                               (extract(epoch FROM completed_at) * 1000000)::bigint
                          FROM queue_tasks WHERE id > ? AND queue_id = ? AND status = 'completed'
                        """)) {
            statement.setLong(1, from);
            statement.setInt(2, queueId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    attempts.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        long[] starts = attempts.stream().mapToLong(a -> a[0]).toArray();
        long[] ends = attempts.stream().mapToLong(a -> a[1]).toArray();
        double[] span = span(from);
        rows.add(new Row(
                label,
                "1 s jobs, %d x %d consumers, limit %d (ideal %.1f s)"
                        .formatted(instances, CONSUMERS_PER_WORKER, SLOT_LIMIT, sizes.slotJobs() / (double) SLOT_LIMIT),
                attempts.size(),
                span[2],
                attempts.size() / span[2],
                null,
                Stats.handoffGaps(starts, ends, SLOT_LIMIT),
                Stats.utilization(starts, ends, SLOT_LIMIT)));
    }

    /** Submits {@code subtasks} in tasks of the run's chunk size and waits for all; answers the id before them. */
    private long submitAndAwait(String name, int subtasks, Duration timeout) throws Exception {
        long from = queryLong("SELECT coalesce(max(id), 0) FROM queue_tasks");
        int left = subtasks;
        int n = 0;
        while (left > 0) {
            int size = Math.min(left, sizes.chunk());
            api.submit(name + "-" + n++, size);
            left -= size;
        }
        awaitCompleted(from, subtasks, timeout);
        return from;
    }

    /**
     * Waits until {@code expected} attempts after {@code from} completed. When none completes for
     * {@link #STALL} the rest are reported as stuck (a note naming them and the workers'
     * not_pending claim count) and the run goes on with what completed; past {@code timeout} it fails.
     */
    private void awaitCompleted(long from, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String sql = "SELECT count(*) FROM queue_tasks WHERE id > " + from + " AND status = 'completed'";
        long done = -1;
        long progressed = System.nanoTime();
        long now;
        while (true) {
            long count = queryLong(sql);
            now = System.nanoTime();
            if (count >= expected) {
                return;
            }
            if (count != done) {
                done = count;
                progressed = now;
            } else if (now - progressed > STALL.toNanos()) {
                String stuck = queryString("SELECT string_agg(id || ' ' || status, ', ' ORDER BY id) FROM queue_tasks"
                        + " WHERE id > " + from + " AND status <> 'completed'");
                String note = "%d of %d attempts did not complete (no progress for %d s): %s; the workers' claims"
                                .formatted(expected - done, expected, STALL.toSeconds(), stuck)
                        + " answered not_pending %s times so far; stuck attempts are left out of the figures"
                                .formatted(notPendingClaims());
                notes.add(note);
                log(note);
                return;
            }
            if (now > deadline) {
                throw new IllegalStateException(
                        "only " + done + " of " + expected + " subtasks completed within " + timeout + "; see " + logs);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** The sum over the running workers of {@code imagegen_worker_claims_total{outcome="not_pending"}}. */
    private String notPendingClaims() {
        double sum = 0;
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "(?m)^imagegen_worker_claims_total\\{[^}]*outcome=\"not_pending\"[^}]*} ([0-9.eE+-]+)$");
        for (LocalApp worker : workers) {
            try {
                String body = http.send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                                "http://localhost:" + worker.port + "/actuator/prometheus"))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString())
                        .body();
                java.util.regex.Matcher m = line.matcher(body);
                while (m.find()) {
                    sum += Double.parseDouble(m.group(1));
                }
            } catch (IOException | InterruptedException e) {
                return "(unknown: " + e.getMessage() + ")";
            }
        }
        return String.valueOf((long) sum);
    }

    /** [completed, first insert -> last completion s, first claim -> last completion s] of attempts after {@code from}. */
    private double[] span(long from) throws SQLException {
        try (Connection db = connect();
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT count(*)::float8,
                               extract(epoch FROM max(completed_at) - min(enqueued_at))::float8,
                               extract(epoch FROM max(completed_at) - min(started_at))::float8
                          FROM queue_tasks WHERE id > %d AND status = 'completed'
                        """.formatted(from))) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
        }
    }

    /**
     * Single-subtask tasks submitted at a steady rate (so latency is the pipeline's, not a
     * backlog's): submit -> claim from {@code enqueued_at} to {@code started_at}, and its stages.
     */
    private double[] pacedLatency(String label) throws Exception {
        int count = (int) (sizes.pacedPerSecond() * sizes.pacedFor().toMillis() / 1000);
        long period = 1_000_000_000L / sizes.pacedPerSecond();
        Map<UUID, Long> responseMicros = new ConcurrentHashMap<>();
        long from = queryLong("SELECT coalesce(max(id), 0) FROM queue_tasks");
        try (DispatchObserver observer =
                new DispatchObserver(kafka.bootstrapServers(), "imagegen.queue." + STANDARD_QUEUE)) {
            observer.awaitAssigned(Duration.ofSeconds(60));
            ExecutorService submitters = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> sent = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    LockSupport.parkNanos(start + i * period - System.nanoTime());
                    int n = i;
                    sent.add(submitters.submit(() -> {
                        UUID id = api.submit("paced-" + n, 1);
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
            awaitCompleted(from, count, Duration.ofMinutes(5));

            List<Double> total = new ArrayList<>();
            List<Double> api = new ArrayList<>();
            List<Double> dispatch = new ArrayList<>();
            List<Double> claim = new ArrayList<>();
            int missing = 0;
            try (Connection db = connect();
                    Statement statement = db.createStatement();
                    ResultSet rs = statement.executeQuery("""
                            SELECT id, task_id,
                                   (extract(epoch FROM enqueued_at) * 1000000)::bigint,
                                   (extract(epoch FROM started_at) * 1000000)::bigint
                              FROM queue_tasks WHERE id > %d AND status = 'completed'
                            """.formatted(from))) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    UUID task = rs.getObject(2, UUID.class);
                    long enqueued = rs.getLong(3);
                    long claimed = rs.getLong(4);
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
            }
            stages.add(new Stages(label, sortedArray(api), sortedArray(dispatch), sortedArray(claim), missing));
            return sortedArray(total);
        }
    }

    private static double[] sortedArray(List<Double> values) {
        return Stats.sorted(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Submits {@code count} pending attempts (tasks of 10,000) with nothing else writing, so their
     * ids are consecutive; answers the first id.
     */
    private long seedBlock(int count) throws Exception {
        long base = queryLong("SELECT coalesce(max(id), 0) + 1 FROM queue_tasks");
        log("pgbench: seeding " + count + " pending subtasks through the API");
        for (int left = count, n = 0; left > 0; left -= 10_000) {
            api.submit("pgbench-seed-" + n++, Math.min(10_000, left));
        }
        long pending = queryLong("SELECT count(*) FROM queue_tasks WHERE id BETWEEN " + base + " AND "
                + (base + count - 1) + " AND status = 'pending' AND queue_id = " + queueId);
        if (pending != count) {
            throw new IllegalStateException(
                    "seeded attempts are not consecutive: " + pending + " of " + count + " pending from id " + base);
        }
        return base;
    }

    // ---------------------------------------------------------------------------------------------
    // Processes

    private Map<String, String> common() {
        return LocalApp.environment(jdbcUrl, kafka.bootstrapServers(), runDir.resolve("images"));
    }

    private LocalApp startApp(String name, String module, int port, Map<String, String> environment)
            throws IOException {
        // Full JIT (not LocalApp's quick-start C1 only): these processes are measured.
        LocalApp app = LocalApp.start(name, LocalApp.jar(module), port, environment, logs, List.of("-Xmx512m"));
        running.push(app);
        return app;
    }

    private List<LocalApp> startWorkers(int instances, String latency) throws Exception {
        List<LocalApp> started = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            Map<String, String> environment = common();
            environment.put("IMAGEGEN_WORKER_ID", "bench-worker-" + (i + 1));
            environment.put("IMAGEGEN_WORKER_BACKENDS_DEFAULT_TYPE", "noop");
            environment.put("IMAGEGEN_WORKER_BACKENDS_DEFAULT_LATENCY", latency);
            String name = "worker-%d-of-%d-%s".formatted(i + 1, instances, latency);
            started.add(startApp(name, "generator-worker", FIRST_WORKER_PORT + i, environment));
        }
        for (LocalApp worker : started) {
            worker.awaitReady(Duration.ofSeconds(180));
        }
        awaitGroup(instances * CONSUMERS_PER_WORKER);
        return started;
    }

    /** Waits until the workers' consumer group is stable with exactly {@code members} members. */
    private void awaitGroup(int members) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(WORKER_GROUP))
                        .describedGroups()
                        .get(WORKER_GROUP)
                        .get();
                if (group.groupState() == GroupState.STABLE && group.members().size() == members) {
                    return;
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            throw new IllegalStateException("the workers' consumer group did not settle at " + members + " members");
        }
    }

    private void stopApps(List<LocalApp> apps) throws InterruptedException {
        for (LocalApp app : apps) {
            running.remove(app);
            app.close();
        }
    }

    private synchronized void stopAll() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
    }

    /** Runs one of the modules' benchmark programs through the Maven wrapper; answers its output's table lines. */
    private String mavenBenchmark(String title, String module, String mainClass) throws Exception {
        log("--all: " + title);
        Path output = logs.resolve(module + "-benchmark.log");
        List<String> command = List.of(
                Path.of("mvnw").toAbsolutePath().toString(),
                "-B",
                "-q",
                "-pl",
                module,
                "test-compile",
                "exec:java",
                "-Dexec.classpathScope=test",
                "-Dexec.mainClass=" + mainClass);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        running.push(() -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        });
        int exit = process.waitFor();
        StringBuilder table = new StringBuilder("### " + title + "\n\n```\n" + String.join(" ", command) + "\n```\n\n");
        List<String> lines = Files.readAllLines(output).stream()
                .filter(line -> line.startsWith("|"))
                .toList();
        if (exit != 0 || lines.isEmpty()) {
            table.append("Failed (exit ")
                    .append(exit)
                    .append("); see ")
                    .append(output)
                    .append('\n');
        } else {
            lines.forEach(line -> table.append(line).append('\n'));
        }
        return table.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // The report

    private String report(
            Instant begun,
            double seconds,
            String loadBefore,
            String loadAfter,
            String postgresVersion,
            String pgbenchVersion,
            List<String> extra) {
        StringBuilder out = new StringBuilder();
        out.append("## imagegen bench (%s), %s UTC, %.0f s\n\n"
                .formatted(
                        sizes.name(),
                        begun.atOffset(ZoneOffset.UTC)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toLocalDateTime(),
                        seconds));
        out.append("Machine: %s; %d cores (availableProcessors), nproc %s; load average %s at start, %s at end;%n"
                .formatted(
                        cpuModel(),
                        Runtime.getRuntime().availableProcessors(),
                        command("nproc"),
                        loadBefore,
                        loadAfter));
        out.append("JVM %s %s; PostgreSQL %s (embedded, one server for all rows); %s; Kafka one KRaft broker.\n\n"
                .formatted(System.getProperty("java.vm.vendor"), Runtime.version(), postgresVersion, pgbenchVersion));
        out.append("| run | setup | subtasks | wall s | throughput /s | submit→start p50 ms | p95 ms | p99 ms"
                + " | hand-off p50 ms | hand-off p99 ms | utilization |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append("| %s | %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s |\n"
                    .formatted(
                            row.run(),
                            row.setup(),
                            row.subtasks(),
                            number(row.wallSeconds(), 2),
                            number(row.perSecond(), 0),
                            number(row.latency(0.50), 1),
                            number(row.latency(0.95), 1),
                            number(row.latency(0.99), 1),
                            number(row.handoff(0.50), 1),
                            number(row.handoff(0.99), 1),
                            Double.isNaN(row.utilization()) ? "" : "%.1f %%".formatted(row.utilization() * 100)));
        }
        out.append('\n');
        out.append("Throughput: ours from the first `queue_tasks` insert to the last completion (REST submission"
                + " included, tasks submitted back to back); db-scheduler from `scheduleBatch` to an empty table;"
                + " pgbench its tps. Latency: single-subtask tasks (ours) or executions (db-scheduler) at "
                + sizes.pacedPerSecond() + "/s for " + sizes.pacedFor().toSeconds()
                + " s; ours from `enqueued_at` (insert) to `started_at` (claim), db-scheduler from execution time"
                + " (scheduled now) to its handler's start.\n\n");

        if (!stages.isEmpty()) {
            out.append("Submit → claim by stage (paced runs), ms p50 / p99:\n\n");
            out.append("| run | insert → HTTP 201 (API tx, commit, response) | HTTP 201 → Kafka record (Debezium)"
                    + " | Kafka record → claim (consumer poll, claim tx) | unmatched |\n");
            out.append("|---|---:|---:|---:|---:|\n");
            for (Stages s : stages) {
                out.append("| %s | %s / %s | %s / %s | %s / %s | %d |\n"
                        .formatted(
                                s.run(),
                                number(Stats.percentile(s.apiToResponse(), 0.5), 1),
                                number(Stats.percentile(s.apiToResponse(), 0.99), 1),
                                number(Stats.percentile(s.responseToKafka(), 0.5), 1),
                                number(Stats.percentile(s.responseToKafka(), 0.99), 1),
                                number(Stats.percentile(s.kafkaToClaim(), 0.5), 1),
                                number(Stats.percentile(s.kafkaToClaim(), 0.99), 1),
                                s.missing()));
            }
            out.append("\n(The Kafka record time is the producer's send time, in ms; the HTTP response comes"
                    + " after the commit, so the first stage includes the commit and the second may be negative.)\n\n");
        }

        out.append(ratios());
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n\n");
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        for (String table : extra) {
            out.append('\n').append(table);
        }
        return out.toString();
    }

    private String ratios() {
        Row one = find("ours, 1 worker");
        Row four = find("ours, 4 workers");
        Row slots = find("ours, " + SLOT_LIMIT + " slots");
        Row peer = best("db-scheduler");
        Row limit = best("pgbench");
        Row ours = Stream.of(one, four)
                .filter(r -> r != null)
                .max(Comparator.comparingDouble(Row::perSecond))
                .orElse(null);
        StringBuilder out = new StringBuilder("| comparison | value | goal | met |\n|---|---:|---|---|\n");
        if (ours != null && peer != null) {
            double ratio = ours.perSecond() / peer.perSecond();
            out.append("| throughput ours / db-scheduler (best of each: %s vs %s) | %.2fx | ≥ 1.5x | %s |\n"
                    .formatted(ours.run(), peer.setup(), ratio, yes(ratio >= 1.5)));
            out.append("| submit→start p99 ours / db-scheduler (%s) | %.2fx | | |\n"
                    .formatted(peer.setup(), ours.latency(0.99) / peer.latency(0.99)));
        }
        if (ours != null && limit != null) {
            double share = ours.perSecond() / limit.perSecond();
            out.append("| throughput ours / pgbench limit (best of each: %s vs %s) | %.0f %% | ≥ 50 %% | %s |\n"
                    .formatted(ours.run(), limit.setup(), share * 100, yes(share >= 0.5)));
        }
        Row withoutTriggers = find("diagnostic: pgbench, triggers skipped", CONSUMERS_PER_WORKER);
        Row sameClients = find("pgbench limit", CONSUMERS_PER_WORKER);
        if (withoutTriggers != null && sameClients != null) {
            out.append("| pgbench limit / the same SQL with triggers skipped (%d clients) | %.0f %% | | |\n"
                    .formatted(CONSUMERS_PER_WORKER, 100 * sameClients.perSecond() / withoutTriggers.perSecond()));
        }
        for (Row row : new Row[] {one, four}) {
            if (row != null) {
                Row matching = find("pgbench limit", row == one ? CONSUMERS_PER_WORKER : 4 * CONSUMERS_PER_WORKER);
                if (matching != null) {
                    out.append("| %s / pgbench with as many clients as consumers (%s) | %.0f %% | | |\n"
                            .formatted(row.run(), matching.setup(), 100 * row.perSecond() / matching.perSecond()));
                }
                out.append("| submit→claim p99, %s (through Debezium and Kafka) | %.1f ms | < 50 ms | %s |\n"
                        .formatted(row.run(), row.latency(0.99), yes(row.latency(0.99) < 50)));
            }
        }
        if (slots != null) {
            out.append("| hand-off gap p99, %d slots | %.1f ms | < 20 ms | %s |\n"
                    .formatted(SLOT_LIMIT, slots.handoff(0.99), yes(slots.handoff(0.99) < 20)));
            out.append("| slot utilization, %d slots | %.1f %% | ≥ 98 %% | %s |\n"
                    .formatted(SLOT_LIMIT, slots.utilization() * 100, yes(slots.utilization() >= 0.98)));
        }
        return out.toString();
    }

    private Row find(String run) {
        return rows.stream().filter(r -> r.run().equals(run)).findFirst().orElse(null);
    }

    private Row find(String run, int clients) {
        return rows.stream()
                .filter(r -> r.run().equals(run) && r.setup().contains(" " + clients + " clients"))
                .findFirst()
                .orElse(null);
    }

    private Row best(String runPrefix) {
        return rows.stream()
                .filter(r -> r.run().startsWith(runPrefix))
                .max(Comparator.comparingDouble(Row::perSecond))
                .orElse(null);
    }

    private static String yes(boolean met) {
        return met ? "yes" : "no";
    }

    private static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    // ---------------------------------------------------------------------------------------------
    // Small helpers

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    private void execute(String sql) throws SQLException {
        try (Connection db = connect();
                Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection db = connect();
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int queryInt(String sql) throws SQLException {
        return Math.toIntExact(queryLong(sql));
    }

    private String queryString(String sql) throws SQLException {
        try (Connection db = connect();
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
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

    private static String command(String... command) {
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

    private static void log(String message) {
        System.out.println(
                Instant.now().atOffset(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.SECONDS) + "  " + message);
    }
}
