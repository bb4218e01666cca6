package dev.imagegen.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts PostgreSQL (port 5433), a Kafka broker (9092), the task API (8080), the dispatcher and
 * two generator workers through the {@link Launcher}, prints where to go, and stops everything on
 * Ctrl-C. Data lives under {@code .local/} (or the directory given as the first argument). The
 * system property {@code imagegen.local.port-offset} moves every port by that much.
 */
public final class LocalRunner {

    private LocalRunner() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".local").toAbsolutePath();
        int offset = Integer.getInteger("imagegen.local.port-offset", 0);
        Launcher launcher = Launcher.open(home, System.out, false);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping imagegen ...");
                            launcher.close();
                            stopped.countDown();
                        },
                        "imagegen-stop"));

        long started = System.nanoTime();
        int apiPort = 8080 + offset;
        try {
            LocalPostgres postgres = launcher.startPostgres(5433 + offset, Map.of());
            System.out.println("PostgreSQL  " + postgres.jdbcUrl());
            LocalKafka kafka = launcher.startKafka(9092 + offset, 9093 + offset);
            System.out.println("Kafka       " + kafka.bootstrapServers());

            // The API migrates the database; the others start once it is ready.
            LocalApp api = launcher.startApp("task-api", "task-api", apiPort, launcher.environment());
            api.awaitReady(Duration.ofSeconds(90));
            LocalApp dispatcher = launcher.startApp("dispatcher", "dispatcher", 8081 + offset, launcher.environment());
            Map<String, String> backend = LocalWorkerSettings.from(System.getenv());
            LocalApp[] workers = new LocalApp[2];
            for (int i = 0; i < workers.length; i++) {
                Map<String, String> worker = launcher.environment();
                worker.putAll(backend);
                worker.put("IMAGEGEN_WORKER_ID", "worker-" + (i + 1));
                workers[i] = launcher.startApp("worker-" + (i + 1), "generator-worker", 8082 + offset + i, worker);
            }
            for (LocalApp app : new LocalApp[] {dispatcher, workers[0], workers[1]}) {
                app.awaitReady(Duration.ofSeconds(90));
            }
            System.out.println("Workers     generate with " + LocalWorkerSettings.describe(backend));
            int samples = DemoTasks.submitOnce(api.port, postgres.jdbcUrl());
            if (samples > 0) {
                System.out.println("Sample tasks submitted: " + samples);
            }
        } catch (Exception e) {
            System.err.println("imagegen could not start: " + e.getMessage());
            System.exit(1);
        }

        System.out.printf("""

                imagegen is ready in %.1f s: http://localhost:%d
                  logins (password = user name): admin, manager, user1, user2, guest
                  API docs: http://localhost:%d/swagger-ui.html   logs: %s
                  Ctrl-C stops everything; data stays in %s
                """, (System.nanoTime() - started) / 1e9, apiPort, apiPort, launcher.logs(), home);
        stopped.await();
    }
}
