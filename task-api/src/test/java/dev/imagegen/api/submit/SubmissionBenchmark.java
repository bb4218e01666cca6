package dev.imagegen.api.submit;

import dev.imagegen.api.TaskApiApplication;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Submission latency and throughput over real HTTP for tasks of 1, 100 and 10,000 subtasks, against
 * the embedded PostgreSQL. Run: {@code ./mvnw -pl task-api exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.imagegen.api.submit.SubmissionBenchmark}. Prints a markdown table.
 */
public final class SubmissionBenchmark {

    private static final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        TestDatabase database = TestServers.postgres().migratedDatabase("submission_benchmark");
        SpringApplication app = new SpringApplication(TaskApiApplication.class);
        String[] properties = {
            "--spring.datasource.url=" + database.jdbcUrl(),
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password(),
            "--server.port=0",
            "--imagegen.maintenance.enabled=false",
            "--logging.level.root=WARN"
        };
        int exit = 0;
        try (ConfigurableApplicationContext context = app.run(properties)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            jdbc.sql("INSERT INTO users (username, hashed_password, role) VALUES ('bench', :hash, 'user')")
                    .param("hash", new BCryptPasswordEncoder(4).encode("bench"))
                    .update();
            String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
            Object[][] cases = {
                {"1", Bodies.single("bench"), 200, 4},
                {"100", Bodies.product("bench", 10, 10), 50, 4},
                {"10,000", Bodies.product("bench", 100, 100), 10, 2}
            };
            StringBuilder table = new StringBuilder("""
                    | subtasks per task | runs | p50 ms | p95 ms | max ms | tasks/s (1 client) | subtasks/s (1 client) | tasks/s (%s clients) |
                    |---:|---:|---:|---:|---:|---:|---:|---:|
                    """.formatted("n"));
            for (Object[] c : cases) {
                String body = (String) c[1];
                int runs = (Integer) c[2];
                int clients = (Integer) c[3];
                for (int i = 0; i < 3; i++) {
                    submit(base, body);
                }
                List<Double> millis = new ArrayList<>();
                long started = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    submit(base, body);
                    millis.add((System.nanoTime() - t0) / 1e6);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double concurrent = concurrentTasksPerSecond(base, body, runs, clients);
                Collections.sort(millis);
                long subtasks = Long.parseLong(((String) c[0]).replace(",", ""));
                table.append("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f (%d) |%n"
                        .formatted(
                                c[0],
                                runs,
                                millis.get(runs / 2),
                                millis.get((int) Math.ceil(runs * 0.95) - 1),
                                millis.getLast(),
                                runs / seconds,
                                runs * subtasks / seconds,
                                concurrent,
                                clients));
            }
            System.out.println();
            System.out.println(table);
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private static double concurrentTasksPerSecond(String base, String body, int runs, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                done.add(pool.submit(() -> {
                    submit(base, body);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return runs / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static void submit(String base, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/tasks"))
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("bench:bench".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }
}
