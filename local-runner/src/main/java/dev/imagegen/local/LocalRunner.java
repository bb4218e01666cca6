package dev.imagegen.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts PostgreSQL (port 5433), a Kafka broker (9092), the task API (8080), the dispatcher and
 * two generator workers, prints where to go, and stops everything in reverse order on Ctrl-C.
 * Data lives under {@code .local/} (or the directory given as the first argument).
 */
public final class LocalRunner {

    private LocalRunner() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".local").toAbsolutePath();
        Path logs = Files.createDirectories(home.resolve("logs"));
        Deque<AutoCloseable> running = new ArrayDeque<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping imagegen ...");
                            stopAll(running);
                            stopped.countDown();
                        },
                        "imagegen-stop"));

        long started = System.nanoTime();
        try {
            LocalPostgres postgres = LocalPostgres.start(home.resolve("postgres"), 5433);
            running.push(postgres);
            System.out.println("PostgreSQL  " + postgres.jdbcUrl());
            LocalKafka kafka = LocalKafka.start(home.resolve("kafka"), 9092, 9093, logs.resolve("kafka.log"));
            running.push(kafka);
            System.out.println("Kafka       " + kafka.bootstrapServers());

            Map<String, String> common =
                    LocalApp.environment(postgres.jdbcUrl(), kafka.bootstrapServers(), home.resolve("images"));

            // The API migrates the database; the others start once it is ready.
            LocalApp api = LocalApp.start("task-api", LocalApp.jar("task-api"), 8080, common, logs);
            running.push(api);
            api.awaitReady(Duration.ofSeconds(90));
            LocalApp dispatcher = LocalApp.start("dispatcher", LocalApp.jar("dispatcher"), 8081, common, logs);
            running.push(dispatcher);
            Map<String, String> backend = LocalWorkerSettings.from(System.getenv());
            Map<String, String> worker1 = new HashMap<>(common);
            worker1.putAll(backend);
            worker1.put("IMAGEGEN_WORKER_ID", "worker-1");
            Map<String, String> worker2 = new HashMap<>(common);
            worker2.putAll(backend);
            worker2.put("IMAGEGEN_WORKER_ID", "worker-2");
            LocalApp first = LocalApp.start("worker-1", LocalApp.jar("generator-worker"), 8082, worker1, logs);
            running.push(first);
            LocalApp second = LocalApp.start("worker-2", LocalApp.jar("generator-worker"), 8083, worker2, logs);
            running.push(second);
            for (LocalApp app : new LocalApp[] {dispatcher, first, second}) {
                app.awaitReady(Duration.ofSeconds(90));
            }
            System.out.println("Workers     generate with " + LocalWorkerSettings.describe(backend));
            int samples = DemoTasks.submitOnce(api.port);
            if (samples > 0) {
                System.out.println("Sample tasks submitted: " + samples);
            }
        } catch (Exception e) {
            System.err.println("imagegen could not start: " + e.getMessage());
            System.exit(1);
        }

        System.out.printf("""

                imagegen is ready in %.1f s: http://localhost:8080
                  logins (password = user name): admin, manager, user1, user2, guest
                  API docs: http://localhost:8080/swagger-ui.html   logs: %s
                  Ctrl-C stops everything; data stays in %s
                """, (System.nanoTime() - started) / 1e9, logs, home);
        stopped.await();
    }

    private static void stopAll(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
    }
}
