package dev.imagegen.api.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.api.support.Accounts;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.testservers.UsesRealServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Fifty clients over real HTTP, each submitting small tasks and reading (its tasks, one task, its
 * subtasks, a search, the queues, who it is) for {@code imagegen.load.seconds} (10 by default;
 * 60 for the recorded run). Any answer other than the expected status, or an I/O error, is an
 * error; there must be none, every endpoint must have been called, and every accepted task must
 * be in the database. Prints requests, errors and latency percentiles per endpoint.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "imagegen.api.security.bcrypt-strength=4",
            "spring.datasource.hikari.connection-timeout=5000",
            "spring.datasource.hikari.maximum-pool-size=20",
            "imagegen.maintenance.enabled=false"
        })
@UsesRealServers(kafka = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(Accounts.class)
class ConcurrentClientsLoadTest {

    static final int CLIENTS = Integer.getInteger("imagegen.load.clients", 50);
    static final int SECONDS = Integer.getInteger("imagegen.load.seconds", 10);

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final List<String> ENDPOINTS = List.of(
            "POST /api/tasks",
            "GET /api/tasks",
            "GET /api/tasks/{id}",
            "GET /api/tasks/{id}/subtasks",
            "GET /api/tasks?q=",
            "GET /api/queues",
            "GET /api/me");
    private static final String[] USERS = {Accounts.USER, Accounts.OTHER_USER, Accounts.MANAGER, Accounts.ADMIN};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** What one endpoint saw: latencies in microseconds, and the errors with a sample of them. */
    static final class Tally {
        long[] micros = new long[1024];
        int count;
        long errors;
        final List<String> samples = new ArrayList<>();

        void add(long value) {
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, count * 2);
            }
            micros[count++] = value;
        }

        void merge(Tally other) {
            for (int i = 0; i < other.count; i++) {
                add(other.micros[i]);
            }
            errors += other.errors;
            if (samples.size() < 5) {
                samples.addAll(other.samples.subList(0, Math.min(5 - samples.size(), other.samples.size())));
            }
        }

        long percentile(double p) {
            if (count == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(micros, count);
            Arrays.sort(sorted);
            return sorted[Math.min(count - 1, (int) Math.ceil(p / 100.0 * count) - 1)];
        }
    }

    @Test
    void fiftyClientsSubmittingAndReadingSeeNoErrors() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        Map<String, Tally> total = new LinkedHashMap<>();
        ENDPOINTS.forEach(endpoint -> total.put(endpoint, new Tally()));
        AtomicLong accepted = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Map<String, Tally>> perClient = new ArrayList<>();
        long began;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                Map<String, Tally> mine = new HashMap<>();
                ENDPOINTS.forEach(endpoint -> mine.put(endpoint, new Tally()));
                perClient.add(mine);
                String user = USERS[c % USERS.length];
                int client = c;
                clients.submit(() -> {
                    start.await();
                    runClient(http, client, user, deadline, mine, accepted);
                    return null;
                });
            }
            began = System.nanoTime();
            start.countDown();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        perClient.forEach(
                mine -> mine.forEach((endpoint, tally) -> total.get(endpoint).merge(tally)));

        String table = table(total, elapsed);
        System.out.println(table);
        Path report = Path.of("target", "load-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);

        total.forEach((endpoint, tally) -> {
            assertThat(tally.count).as("requests to " + endpoint).isPositive();
            assertThat(tally.errors)
                    .as("errors of " + endpoint + ", for example " + tally.samples)
                    .isZero();
        });
        assertThat(jdbc.sql("SELECT count(*) FROM tasks").query(Long.class).single())
                .as("accepted tasks in the database")
                .isEqualTo(accepted.get());
    }

    private void runClient(
            HttpClient http, int client, String user, long deadline, Map<String, Tally> tallies, AtomicLong accepted) {
        String authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        List<String> mine = new ArrayList<>();
        int serial = 0;
        while (System.nanoTime() < deadline) {
            int dice = ThreadLocalRandom.current().nextInt(100);
            String endpoint;
            HttpRequest.Builder request;
            int expected = 200;
            if (mine.isEmpty() || dice < 20) {
                endpoint = "POST /api/tasks";
                expected = 201;
                String body = ThreadLocalRandom.current().nextInt(4) == 0
                        ? Bodies.twoByThree("load %d-%d".formatted(client, serial++))
                        : Bodies.single("load %d-%d".formatted(client, serial++));
                request = HttpRequest.newBuilder(uri("/api/tasks"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
            } else if (dice < 38) {
                endpoint = "GET /api/tasks";
                request = HttpRequest.newBuilder(uri("/api/tasks?limit=20"));
            } else if (dice < 56) {
                endpoint = "GET /api/tasks/{id}";
                request = HttpRequest.newBuilder(uri("/api/tasks/" + pick(mine)));
            } else if (dice < 72) {
                endpoint = "GET /api/tasks/{id}/subtasks";
                request = HttpRequest.newBuilder(uri("/api/tasks/" + pick(mine) + "/subtasks?limit=20"));
            } else if (dice < 82) {
                endpoint = "GET /api/tasks?q=";
                request = HttpRequest.newBuilder(uri("/api/tasks?limit=20&q=bicycle"));
            } else if (dice < 91) {
                endpoint = "GET /api/queues";
                request = HttpRequest.newBuilder(uri("/api/queues"));
            } else {
                endpoint = "GET /api/me";
                request = HttpRequest.newBuilder(uri("/api/me"));
            }
            request.header("Authorization", authorization).timeout(Duration.ofSeconds(30));
            Tally tally = tallies.get(endpoint);
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                tally.add((System.nanoTime() - sent) / 1_000);
                if (response.statusCode() != expected) {
                    error(tally, response.statusCode() + " " + shorten(response.body()));
                } else if (expected == 201) {
                    Matcher id = ID.matcher(response.body());
                    if (id.find()) {
                        mine.add(id.group(1));
                        accepted.incrementAndGet();
                    } else {
                        error(tally, "201 without an id: " + shorten(response.body()));
                    }
                }
            } catch (IOException e) {
                tally.add((System.nanoTime() - sent) / 1_000);
                error(tally, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void error(Tally tally, String what) {
        tally.errors++;
        if (tally.samples.size() < 5) {
            tally.samples.add(what);
        }
    }

    private static String pick(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    static String table(Map<String, Tally> tallies, double seconds) {
        long requests =
                tallies.values().stream().mapToLong(tally -> tally.count).sum();
        StringBuilder out = new StringBuilder();
        out.append("%d clients, %.1f s, %d requests (%.0f/s)%n%n"
                .formatted(CLIENTS, seconds, requests, requests / seconds));
        out.append("| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | max ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        tallies.forEach((endpoint, tally) -> out.append("| `%s` | %d | %d | %.1f | %.1f | %.1f | %.1f |%n"
                .formatted(
                        endpoint,
                        tally.count,
                        tally.errors,
                        tally.percentile(50) / 1000.0,
                        tally.percentile(95) / 1000.0,
                        tally.percentile(99) / 1000.0,
                        tally.percentile(100) / 1000.0)));
        return out.toString();
    }
}
