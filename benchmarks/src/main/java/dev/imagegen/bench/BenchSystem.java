package dev.imagegen.bench;

import dev.imagegen.local.Launcher;
import dev.imagegen.local.LocalApp;
import dev.imagegen.local.LocalKafka;
import dev.imagegen.local.LocalPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * The system under measurement: PostgreSQL, a Kafka broker, the task API, the dispatcher and
 * generator workers as child processes on the bench's own ports, in {@code benchmarks/target/bench-run},
 * with the SQL the measurements read the database with. Every process it started is stopped by
 * {@link #stopAll}, also on Ctrl-C.
 */
final class BenchSystem {

    static final int PG_PORT = 5443;
    private static final int KAFKA_PORT = 9192;
    private static final int KAFKA_CONTROLLER_PORT = 9193;
    static final int API_PORT = 8180;
    private static final int DISPATCHER_PORT = 8181;
    private static final int FIRST_WORKER_PORT = 8182;
    private static final String WORKER_GROUP = "imagegen-generator-worker";
    static final String STANDARD_QUEUE = "standard_tasks";
    static final int CONSUMERS_PER_WORKER = 2;

    final Path runDir;
    final Path logs;
    /** Processes besides the system's own (pgbench, Maven benchmarks), stopped first. */
    private final Deque<AutoCloseable> running = new ConcurrentLinkedDeque<>();

    private Launcher launcher;
    private String jdbcUrl;
    private LocalApp dispatcher;
    private List<LocalApp> workers = List.of();
    int queueId;
    Api api;
    /** Set by {@code --statements}: statement statistics around each no-op run. */
    Statements statements;

    BenchSystem(Path runDir) {
        this.runDir = runDir;
        this.logs = runDir.resolve("logs");
    }

    /** Starts PostgreSQL, Kafka, the task API and the dispatcher in an emptied run directory. */
    void start() throws Exception {
        launcher = Launcher.open(runDir, System.out, true);
        jdbcUrl = launcher.startPostgres(PG_PORT, statements == null ? Map.of() : Statements.SETTINGS)
                .jdbcUrl();
        if (statements != null) {
            statements.install(LocalPostgres.USER);
        }
        LocalKafka kafka = launcher.startKafka(KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        BenchRunner.log("PostgreSQL " + jdbcUrl + ", Kafka " + kafka.bootstrapServers());
        startApp("task-api", "task-api", API_PORT, environment()).awaitReady(Duration.ofSeconds(180));
        dispatcher = startApp("dispatcher", "dispatcher", DISPATCHER_PORT, environment());
        dispatcher.awaitReady(Duration.ofSeconds(180));
        api = new Api(API_PORT);
        queueId = Math.toIntExact(queryLong(BenchSql.QUEUE_ID, STANDARD_QUEUE));
    }

    /** CPU time of the system's processes and this JVM. */
    CpuTime cpu() {
        return new CpuTime(launcher::parts);
    }

    String bootstrapServers() {
        return "localhost:" + KAFKA_PORT;
    }

    List<LocalApp> workers() {
        return workers;
    }

    void setLimit(int limit) throws SQLException {
        update(BenchSql.SET_LIMIT, limit, queueId);
    }

    /** Starts {@code instances} workers with the no-op backend and waits until they all joined the group. */
    void startWorkers(int instances, String latency) throws Exception {
        List<LocalApp> started = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            Map<String, String> environment = environment();
            environment.put("IMAGEGEN_WORKER_ID", "bench-worker-" + (i + 1));
            environment.put("IMAGEGEN_WORKER_BACKENDS_DEFAULT_TYPE", "noop");
            environment.put("IMAGEGEN_WORKER_BACKENDS_DEFAULT_LATENCY", latency);
            String name = "worker-%d-of-%d-%s".formatted(i + 1, instances, latency);
            started.add(startApp(name, "generator-worker", FIRST_WORKER_PORT + i, environment));
        }
        for (LocalApp worker : started) {
            worker.awaitReady(Duration.ofSeconds(180));
        }
        workers = started;
        awaitGroup(instances * CONSUMERS_PER_WORKER);
    }

    void stopWorkers() throws InterruptedException {
        stop(workers);
        workers = List.of();
    }

    /** Stops the dispatcher, so that it does not compete for the cores while pgbench runs. */
    void stopDispatcher() throws InterruptedException {
        if (dispatcher != null) {
            stop(List.of(dispatcher));
            dispatcher = null;
        }
    }

    /** Runs {@code process} as part of the system: it is stopped with everything else. */
    void track(AutoCloseable process) {
        running.push(process);
    }

    synchronized void stopAll() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
        if (launcher != null) {
            launcher.close();
        }
    }

    private Map<String, String> environment() {
        return launcher.environment();
    }

    private LocalApp startApp(String name, String module, int port, Map<String, String> environment)
            throws IOException {
        // Full JIT (not LocalApp's quick-start C1 only): these processes are measured.
        return launcher.startApp(name, module, port, environment, List.of("-Xmx512m"));
    }

    private void stop(List<LocalApp> apps) throws InterruptedException {
        for (LocalApp app : apps) {
            launcher.stop(app);
        }
    }

    /** Waits until the workers' consumer group is stable with exactly {@code members} members. */
    private void awaitGroup(int members) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
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

    // ---------------------------------------------------------------------------------------------
    // SQL

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    /** Runs {@code sql} with {@code params} bound in order; answers each row's columns. */
    List<Object[]> query(String sql, Object... params) throws SQLException {
        try (Connection db = connect();
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = rs.getObject(c + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    long queryLong(String sql, Object... params) throws SQLException {
        return ((Number) query(sql, params).getFirst()[0]).longValue();
    }

    String queryString(String sql, Object... params) throws SQLException {
        List<Object[]> rows = query(sql, params);
        return rows.isEmpty() || rows.getFirst()[0] == null ? null : rows.getFirst()[0].toString();
    }

    void update(String sql, Object... params) throws SQLException {
        try (Connection db = connect();
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }
}
