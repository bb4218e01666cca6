package dev.imagegen.local.chaos;

import dev.imagegen.local.Launcher;
import dev.imagegen.local.LocalApp;
import dev.imagegen.local.LocalPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The system of a chaos run, every part its own OS process on loopback: PostgreSQL, a Kafka broker,
 * the task API, two dispatchers (one leads, one stands by) and three generator workers, all on ports
 * of their own so a run never meets {@code ./imagegen local}. Each fault is a method here.
 */
final class ChaosSystem implements AutoCloseable {

    static final int POSTGRES_PORT = 5453;
    static final int KAFKA_PORT = 9292;
    static final int API_PORT = 8280;
    static final String WORKER_GROUP = "imagegen-generator-worker";
    private static final Pattern DISPATCH_TOPIC = Pattern.compile("imagegen\\.queue\\..+");
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Launcher launcher;
    private final Duration lease;
    private final RecordingBackend backend;
    private LocalPostgres postgres;
    private final List<LocalApp> dispatchers = new ArrayList<>();
    /** Worker slot (1..n) to the process running in it now; a restarted worker gets a new id. */
    private final Map<Integer, LocalApp> workers = new LinkedHashMap<>();

    private final Map<Integer, Integer> incarnations = new HashMap<>();

    private ChaosSystem(Launcher launcher, Duration lease, RecordingBackend backend) {
        this.launcher = launcher;
        this.lease = lease;
        this.backend = backend;
    }

    static ChaosSystem start(Launcher launcher, int workerCount, Duration lease, RecordingBackend backend)
            throws Exception {
        ChaosSystem system = new ChaosSystem(launcher, lease, backend);
        try {
            system.postgres = system.launcher.startPostgres(POSTGRES_PORT, Map.of());
            system.startKafka();
            system.launcher
                    .startApp("task-api", "task-api", API_PORT, system.launcher.environment())
                    .awaitReady(Duration.ofSeconds(180));
            for (int i = 1; i <= 2; i++) {
                system.dispatchers.add(system.startDispatcher(i));
            }
            for (int slot = 1; slot <= workerCount; slot++) {
                system.workers.put(slot, system.startWorker(slot));
            }
            for (LocalApp app : system.apps()) {
                app.awaitReady(Duration.ofSeconds(180));
            }
            return system;
        } catch (Exception e) {
            system.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    String bootstrapServers() {
        return "localhost:" + KAFKA_PORT;
    }

    // --- faults -------------------------------------------------------------------------------------

    /**
     * SIGKILLs the worker holding the most running attempts (so it dies mid-generation) and returns
     * its id and how many attempts it held; its slot is restarted with a new id by {@link #restartWorker}.
     */
    KilledWorker killBusiestWorker() throws SQLException, InterruptedException {
        String busiest = null;
        int running = 0;
        try (Connection connection = connect();
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT worker_id, count(*) FROM queue_tasks WHERE status = 'processing'"
                                + " GROUP BY worker_id ORDER BY 2 DESC LIMIT 1")) {
            if (rows.next()) {
                busiest = rows.getString(1);
                running = rows.getInt(2);
            }
        }
        for (var entry : workers.entrySet()) {
            if (entry.getValue().name.equals(busiest) || busiest == null) {
                launcher.kill(entry.getValue());
                return new KilledWorker(entry.getKey(), entry.getValue().name, running);
            }
        }
        throw new IllegalStateException("no worker process runs " + busiest);
    }

    record KilledWorker(int slot, String id, int runningAttempts) {}

    void restartWorker(int slot) throws IOException, InterruptedException {
        LocalApp worker = startWorker(slot);
        workers.put(slot, worker);
        worker.awaitReady(Duration.ofSeconds(180));
    }

    /** SIGKILLs the dispatcher that leads; returns its index, so it can be restarted as a standby. */
    int killLeadingDispatcher() throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            for (int i = 0; i < dispatchers.size(); i++) {
                if (role(dispatchers.get(i)).filter("leader"::equals).isPresent()) {
                    launcher.kill(dispatchers.get(i));
                    return i;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no dispatcher leads");
    }

    void restartDispatcher(int index) throws IOException, InterruptedException {
        LocalApp dispatcher = startDispatcher(index + 1);
        dispatchers.set(index, dispatcher);
        dispatcher.awaitReady(Duration.ofSeconds(180));
    }

    /** Which dispatcher leads now ("dispatcher-1"), or empty while none does. */
    Optional<String> leadingDispatcher() {
        return dispatchers.stream()
                .filter(d -> role(d).filter("leader"::equals).isPresent())
                .map(d -> d.name)
                .findFirst();
    }

    void stopKafka() throws InterruptedException {
        launcher.stopKafka();
    }

    void startKafkaAgain() throws Exception {
        startKafka();
    }

    void stopPostgres() throws IOException {
        launcher.stopPostgres();
    }

    void startPostgresAgain() throws Exception {
        postgres = launcher.startPostgres(POSTGRES_PORT, Map.of());
    }

    /**
     * Stops every worker (cleanly, so the group is empty), moves the worker group's committed offsets
     * on every dispatch topic back to the beginning, and starts the workers again: every dispatch
     * record is delivered once more. Returns how many records the group will read again.
     */
    long rewindWorkerOffsets() throws Exception {
        for (LocalApp worker : workers.values()) {
            launcher.stop(worker);
        }
        long rewound = 0;
        try (Admin admin = Admin.create(adminProperties())) {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> DISPATCH_TOPIC.matcher(t).matches())
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(WORKER_GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, OffsetSpec> earliest =
                    admin.describeTopics(topics).allTopicNames().get().values().stream()
                            .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> rewind = new HashMap<>();
            for (var entry : admin.listOffsets(earliest).all().get().entrySet()) {
                long start = entry.getValue().offset();
                OffsetAndMetadata current = committed.get(entry.getKey());
                if (current != null) {
                    rewound += current.offset() - start;
                }
                rewind.put(entry.getKey(), new OffsetAndMetadata(start));
            }
            admin.alterConsumerGroupOffsets(WORKER_GROUP, rewind).all().get();
        }
        for (int slot : List.copyOf(workers.keySet())) {
            workers.put(slot, startWorker(slot));
        }
        for (LocalApp worker : workers.values()) {
            worker.awaitReady(Duration.ofSeconds(180));
        }
        return rewound;
    }

    Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return properties;
    }

    // --- processes ----------------------------------------------------------------------------------

    private void startKafka() throws Exception {
        launcher.startKafka(KAFKA_PORT, KAFKA_PORT + 1);
    }

    private LocalApp startDispatcher(int number) throws IOException {
        Map<String, String> environment = launcher.environment();
        environment.put("MANAGEMENT_ENDPOINT_HEALTH_SHOW_DETAILS", "always");
        return launcher.startApp("dispatcher-" + number, "dispatcher", API_PORT + number, environment);
    }

    private LocalApp startWorker(int slot) throws IOException {
        int incarnation = incarnations.merge(slot, 1, Integer::sum);
        String id = "worker-" + slot + (incarnation == 1 ? "" : "." + incarnation);
        Map<String, String> environment = launcher.environment();
        environment.put("IMAGEGEN_WORKER_ID", id);
        environment.put("IMAGEGEN_WORKER_LEASE", lease.toMillis() + "ms");
        environment.put("IMAGEGEN_WORKER_LEASE_RENEWAL", Math.max(200, lease.toMillis() / 5) + "ms");
        environment.put("IMAGEGEN_WORKER_SHUTDOWN_TIMEOUT", "5s");
        environment.put("IMAGEGEN_WORKER_BACKENDS_DEFAULT_TYPE", "a1111");
        environment.put("IMAGEGEN_WORKER_BACKENDS_DEFAULT_URL", backend.url());
        environment.put("IMAGEGEN_WORKER_BACKENDS_DEFAULT_TIMEOUT", "30s");
        return launcher.startApp(id, "generator-worker", API_PORT + 2 + slot, environment);
    }

    private List<LocalApp> apps() {
        List<LocalApp> apps = new ArrayList<>(dispatchers);
        apps.addAll(workers.values());
        return apps;
    }

    private static Optional<String> role(LocalApp dispatcher) {
        if (!dispatcher.isAlive()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:%d/actuator/health".formatted(dispatcher.port)))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var role = Pattern.compile("\"role\"\\s*:\\s*\"(\\w+)\"").matcher(health.body());
            return role.find() ? Optional.of(role.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        launcher.close();
    }
}
