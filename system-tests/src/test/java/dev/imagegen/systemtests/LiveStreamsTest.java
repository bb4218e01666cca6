package dev.imagegen.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 200 task streams open at once over real HTTP on running tasks of the whole system (task-api, dispatcher, a worker,
 * the real PostgreSQL and broker): every stream sees every subtask of its task completed, while task-api holds no
 * more database connections than its pool and its streams run a bounded number of queries, whatever their count.
 */
class LiveStreamsTest {

    private static final int TASKS = 10;
    private static final int STREAMS_PER_TASK = 20;
    private static final Pattern SUBTASK = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\",\"status\":\"(\\w+)\"");
    private static final Pattern LIVE_QUERIES =
            Pattern.compile("(?m)^imagegen_api_live_queries_total\\{[^}]*} ([0-9.E]+)$");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoHundredOpenStreamsEachSeeTheirTasksSubtasksCompleteAtABoundedDatabaseCost() throws Exception {
        SystemUnderTest system = SystemUnderTest.get();
        setStandardQueueActive(false);
        List<Watcher> watchers = new ArrayList<>();
        Sampler connections = new Sampler();
        try {
            for (int t = 0; t < TASKS; t++) {
                String location = User1Calls.submit("""
                        {"name": "live %d", "prompts": [{"type": "prompt", "value": "a paper boat"}],
                         "ratio": {"value": null, "is_variable": true, "variable_id": "v0"},
                         "variables": {"v0": {"type": "ratio", "values": ["1:1", "9:16", "16:9", "3:4"]}}}
                        """.formatted(t));
                String task = location.substring(location.lastIndexOf('/') + 1);
                for (int s = 0; s < STREAMS_PER_TASK; s++) {
                    watchers.add(new Watcher(task, open(system.baseUrl() + "api/tasks/" + task + "/events")));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> watchers.stream().allMatch(w -> w.progress.get() > 0));
            double queriesBefore = liveQueries(system.baseUrl());
            long started = System.nanoTime();
            Thread.ofVirtual().start(connections);

            setStandardQueueActive(true);

            await().atMost(Duration.ofSeconds(120))
                    .untilAsserted(() -> assertThat(watchers)
                            .allSatisfy(w -> assertThat(w.completed).hasSize(4)));
            double seconds = (System.nanoTime() - started) / 1e9;
            double queries = liveQueries(system.baseUrl()) - queriesBefore;
            connections.stop.set(true);
            System.out.printf(
                    "%d streams, %.1f s: %.0f stream queries (%.1f/s), task-api connections at most %d%n",
                    watchers.size(), seconds, queries, queries / seconds, connections.max.get());

            // One query per tick (250 ms) for changed subtasks and one per 500 ms for progress, for all 200 streams.
            assertThat(queries).isLessThanOrEqualTo(Math.ceil(seconds * 6) + 3);
            // Hikari's default pool: streams hold no connection of their own.
            assertThat(connections.max.get()).isBetween(1, 10);
            for (Watcher w : watchers) {
                assertThat(w.subtaskEvents.get()).isLessThanOrEqualTo((int) Math.ceil(seconds * 4) + 4);
            }
        } finally {
            connections.stop.set(true);
            setStandardQueueActive(true);
            watchers.forEach(w -> w.body.cancel(true));
        }
    }

    private java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> open(String url) {
        String basic = Base64.getEncoder().encodeToString("user1:user1".getBytes(StandardCharsets.UTF_8));
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Basic " + basic)
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    private double liveQueries(String baseUrl) throws Exception {
        String scrape = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher found = LIVE_QUERIES.matcher(scrape);
        assertThat(found.find()).as("imagegen_api_live_queries_total is served").isTrue();
        return Double.parseDouble(found.group(1));
    }

    private static void setStandardQueueActive(boolean active) throws SQLException {
        try (Connection connection = SystemUnderTest.get().database().connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE task_queues SET is_active = ? WHERE name = 'standard_tasks'")) {
            update.setBoolean(1, active);
            update.executeUpdate();
        }
    }

    /** One stream's events, read on a virtual thread as they arrive. */
    private static final class Watcher {
        final String task;
        final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> body;
        final AtomicInteger progress = new AtomicInteger();
        final AtomicInteger subtaskEvents = new AtomicInteger();
        final Set<String> completed = ConcurrentHashMap.newKeySet();

        Watcher(
                String task,
                java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> body) {
            this.task = task;
            this.body = body;
            body.thenAccept(response -> Thread.ofVirtual().start(() -> read(response)));
        }

        private void read(HttpResponse<java.util.stream.Stream<String>> response) {
            String[] event = {""};
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    event[0] = line.substring(6).trim();
                } else if (line.startsWith("data:") && event[0].equals("progress")) {
                    progress.incrementAndGet();
                } else if (line.startsWith("data:") && event[0].equals("subtasks")) {
                    subtaskEvents.incrementAndGet();
                    Matcher change = SUBTASK.matcher(line);
                    while (change.find()) {
                        if (change.group(2).equals("completed")) {
                            completed.add(change.group(1));
                        }
                    }
                }
            });
        }
    }

    /** The most connections task-api held at once, sampled from pg_stat_activity every 100 ms. */
    private static final class Sampler implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger max = new AtomicInteger();
        final List<Integer> samples = new CopyOnWriteArrayList<>();

        @Override
        public void run() {
            try (Connection connection = SystemUnderTest.get().database().connect();
                    PreparedStatement count = connection.prepareStatement(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND application_name = 'task_api'")) {
                while (!stop.get()) {
                    try (ResultSet rows = count.executeQuery()) {
                        rows.next();
                        samples.add(rows.getInt(1));
                        max.accumulateAndGet(rows.getInt(1), Math::max);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
