package dev.imagegen.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The peer: db-scheduler running no-op one-time tasks on the same PostgreSQL server, in a
 * database of its own. Throughput: N executions scheduled at "now" in one batch while the
 * scheduler runs, until its table is empty. Latency: executions scheduled one by one at a steady
 * rate, from each execution time (the moment it was scheduled) to the start of its handler.
 */
final class DbSchedulerBench {

    static final String DATABASE = "dbscheduler";

    /**
     * db-scheduler's own table (its postgresql_tables.sql for version 16). This is the third-party
     * library's table, created only in the benchmark's scratch database at run time; it is not part
     * of the imagegen schema and so not a Flyway migration.
     */
    private static final String[] DDL = {
        "DROP TABLE IF EXISTS scheduled_tasks",
        """
        CREATE TABLE scheduled_tasks (
            task_name            TEXT NOT NULL,
            task_instance        TEXT NOT NULL,
            task_data            BYTEA,
            execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
            picked               BOOLEAN NOT NULL,
            picked_by            TEXT,
            last_success         TIMESTAMP WITH TIME ZONE,
            last_failure         TIMESTAMP WITH TIME ZONE,
            consecutive_failures INT,
            last_heartbeat       TIMESTAMP WITH TIME ZONE,
            version              BIGINT NOT NULL,
            priority             SMALLINT,
            PRIMARY KEY (task_name, task_instance))
        """,
        "CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)",
        "CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
        "CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)"
    };

    /** How the scheduler finds due executions. */
    enum Polling {
        FETCH_AND_LOCK_ON_EXECUTE("fetch-and-lock-on-execute (default)"),
        LOCK_AND_FETCH("lock-and-fetch");

        final String label;

        Polling(String label) {
            this.label = label;
        }
    }

    record Result(
            Polling polling,
            int threads,
            int executions,
            double wallSeconds,
            double[] latencyMs,
            CpuTime.Sample cpuBefore,
            CpuTime.Sample cpuAfter) {}

    private DbSchedulerBench() {}

    /** Both polling strategies with {@code threads} threads, polling every 10 ms: one row each. */
    static List<Row> rows(Sizes sizes, int port, int threads, CpuTime cpu, List<String> notes) throws Exception {
        String url = prepare(port);
        List<Row> rows = new java.util.ArrayList<>();
        for (Polling polling : Polling.values()) {
            BenchRunner.log("db-scheduler, " + polling.label + ", " + threads + " threads: " + sizes.noopSubtasks()
                    + " executions");
            Result result = run(
                    url,
                    polling,
                    threads,
                    Duration.ofMillis(10),
                    sizes.noopSubtasks(),
                    sizes.pacedPerSecond(),
                    sizes.pacedFor(),
                    Duration.ofMinutes(10),
                    cpu);
            notes.add(CpuTime.between(
                    "db-scheduler, " + polling.label, result.cpuBefore(), result.cpuAfter(), result.executions()));
            BenchRunner.log(notes.getLast());
            rows.add(Row.throughput(
                            "db-scheduler " + version(),
                            polling.label + ", " + threads + " threads, polling 10 ms",
                            result.executions(),
                            result.wallSeconds())
                    .withLatency(result.latencyMs()));
        }
        return rows;
    }

    private static String version() {
        String version = Scheduler.class.getPackage().getImplementationVersion();
        if (version == null) {
            // The jar's manifest has no version; its name in target/lib has.
            String path = Scheduler.class
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

    /** Creates the database (as the server's superuser) and its table, both fresh. */
    static String prepare(int port) throws SQLException {
        String admin = "jdbc:postgresql://localhost:%d/postgres".formatted(port);
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER imagegen");
        }
        String url = "jdbc:postgresql://localhost:%d/%s".formatted(port, DATABASE);
        try (Connection connection = DriverManager.getConnection(url, "imagegen", "imagegen");
                Statement statement = connection.createStatement()) {
            for (String ddl : DDL) {
                statement.execute(ddl);
            }
        }
        return url;
    }

    static Result run(
            String url,
            Polling polling,
            int threads,
            Duration pollingInterval,
            int executions,
            int pacedPerSecond,
            Duration pacedFor,
            Duration timeout,
            CpuTime cpu)
            throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("imagegen");
        config.setPassword("imagegen");
        config.setMaximumPoolSize(threads + 2);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger executed = new AtomicInteger();
        OneTimeTask<Void> bulk = Tasks.oneTime("noop-bulk").execute((instance, context) -> executed.incrementAndGet());
        OneTimeTask<Void> paced = Tasks.oneTime("noop-paced").execute((instance, context) -> {
            Instant started = Instant.now();
            Instant due = context.getExecution().executionTime;
            latencies.add(Duration.between(due, started).toNanos() / 1e6);
        });
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            SchedulerBuilder builder = Scheduler.create(dataSource, List.of(bulk, paced))
                    .threads(threads)
                    .pollingInterval(pollingInterval)
                    .shutdownMaxWait(Duration.ofSeconds(5));
            builder = switch (polling) {
                case FETCH_AND_LOCK_ON_EXECUTE -> builder.pollUsingFetchAndLockOnExecute(0.5, 3.0);
                case LOCK_AND_FETCH -> builder.pollUsingLockAndFetch(0.5, 1.0);
            };
            Scheduler scheduler = builder.build();
            scheduler.start();
            try {
                // Throughput: one batch of N due now, until every execution ran and its row is gone.
                List<TaskInstance<?>> instances = new ArrayList<>(executions);
                for (int i = 0; i < executions; i++) {
                    instances.add(bulk.instance("bulk-" + i));
                }
                CpuTime.Sample cpuBefore = cpu.sample();
                long start = System.nanoTime();
                scheduler.scheduleBatch(instances, Instant.now());
                long deadline = start + timeout.toNanos();
                while (remaining(dataSource, "noop-bulk") > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("db-scheduler did not finish " + executions + " executions in "
                                + timeout + " (" + executed.get() + " ran)");
                    }
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                }
                double wall = (System.nanoTime() - start) / 1e9;
                CpuTime.Sample cpuAfter = cpu.sample();

                // Latency: one execution at a time, due the moment it is scheduled.
                int count = (int) (pacedPerSecond * pacedFor.toMillis() / 1000);
                long period = 1_000_000_000L / pacedPerSecond;
                long pacedStart = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    LockSupport.parkNanos(pacedStart + i * period - System.nanoTime());
                    scheduler.schedule(paced.instance("paced-" + i), Instant.now());
                }
                deadline = System.nanoTime() + timeout.toNanos();
                while (latencies.size() < count && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                }
                double[] latency =
                        latencies.stream().mapToDouble(Double::doubleValue).toArray();
                return new Result(polling, threads, executions, wall, Stats.sorted(latency), cpuBefore, cpuAfter);
            } finally {
                scheduler.stop();
            }
        }
    }

    private static int remaining(HikariDataSource dataSource, String task) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM scheduled_tasks WHERE task_name = '" + task + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
