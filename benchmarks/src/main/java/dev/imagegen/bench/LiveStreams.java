package dev.imagegen.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What open task streams cost ({@code ./imagegen bench --live-streams}): the same running work watched first by no
 * stream, then by {@value #STREAMS} (20 on each of 10 running tasks), each window {@code window} long; per window
 * the CPU of task-api and PostgreSQL, the queries the streams ran (task-api's {@code imagegen_api_live_queries_total}),
 * the most connections task-api held (pg_stat_activity) and what each stream received.
 */
final class LiveStreams {

    static final int STREAMS = 200;
    private static final int TASKS = 10;
    private static final int SUBTASKS_PER_TASK = 1000;
    private static final Pattern LIVE_QUERIES =
            Pattern.compile("(?m)^imagegen_api_live_queries_total\\{[^}]*} ([0-9.E]+)$");
    private static final String COMPLETED = """
            SELECT count(*) FROM subtasks WHERE status = 'completed'
            """;
    private static final String API_CONNECTIONS = """
            SELECT count(*) FROM pg_stat_activity WHERE application_name = 'task_api'
            """;

    private final BenchSystem system;
    private final Duration window;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String authorization =
            "Basic " + Base64.getEncoder().encodeToString("user1:user1".getBytes(StandardCharsets.UTF_8));

    LiveStreams(BenchSystem system, Duration window) {
        this.system = system;
        this.window = window;
    }

    /** One window's figures. */
    record Window(
            int streams,
            double seconds,
            double apiCpuMsPerSecond,
            double postgresCpuMsPerSecond,
            double liveQueriesPerSecond,
            int maxApiConnections,
            double eventsPerStreamPerSecond,
            double kilobytesPerStreamPerSecond,
            double completedPerSecond) {}

    /** Submits the running work, measures both windows; answers the markdown table. */
    String measure() throws Exception {
        system.setLimit(20);
        system.startWorkers(1, "100ms");
        List<UUID> tasks = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            tasks.add(system.api.submit("live streams " + t, SUBTASKS_PER_TASK));
        }
        // Let the dispatcher and the worker reach their steady pace first.
        LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
        Window idle = window(List.of());
        List<Stream> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(new Stream(open(tasks.get(i % TASKS))));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.stream().anyMatch(s -> s.events.get() == 0) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        Window watched = window(streams);
        streams.forEach(s -> s.response.cancel(true));
        system.stopWorkers();
        return table(List.of(idle, watched));
    }

    private Window window(List<Stream> streams) throws Exception {
        CpuTime cpu = system.cpu();
        streams.forEach(Stream::reset);
        long completedBefore = system.queryLong(COMPLETED);
        double queriesBefore = liveQueries();
        CpuTime.Sample before = cpu.sample();
        AtomicInteger maxConnections = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (!done.get()) {
                try {
                    maxConnections.accumulateAndGet((int) system.queryLong(API_CONNECTIONS), Math::max);
                } catch (java.sql.SQLException e) {
                    return;
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        });
        LockSupport.parkNanos(window.toNanos());
        CpuTime.Sample after = cpu.sample();
        double queries = liveQueries() - queriesBefore;
        long completed = system.queryLong(COMPLETED) - completedBefore;
        done.set(true);
        sampler.join();
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        long events = streams.stream().mapToLong(s -> s.subtaskEvents.sum()).sum();
        long bytes = streams.stream().mapToLong(s -> s.bytes.sum()).sum();
        int n = Math.max(1, streams.size());
        return new Window(
                streams.size(),
                seconds,
                used(before, after, "task-api") * 1000 / seconds,
                used(before, after, "postgres") * 1000 / seconds,
                queries / seconds,
                maxConnections.get(),
                streams.isEmpty() ? Double.NaN : events / seconds / n,
                streams.isEmpty() ? Double.NaN : bytes / 1024.0 / seconds / n,
                completed / seconds);
    }

    private static double used(CpuTime.Sample before, CpuTime.Sample after, String part) {
        return after.seconds().getOrDefault(part, 0.0) - before.seconds().getOrDefault(part, 0.0);
    }

    static String table(List<Window> windows) {
        StringBuilder out = new StringBuilder("### Live task streams\n\n");
        out.append("| streams open | window s | subtasks completed /s | task-api CPU ms/s | PostgreSQL CPU ms/s"
                + " | stream queries /s | task-api DB connections (max) | subtasks events /s per stream"
                + " | KB/s per stream |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Window w : windows) {
            out.append("| %d | %.1f | %.0f | %.0f | %.0f | %.1f | %d | %s | %s |\n"
                    .formatted(
                            w.streams(),
                            w.seconds(),
                            w.completedPerSecond(),
                            w.apiCpuMsPerSecond(),
                            w.postgresCpuMsPerSecond(),
                            w.liveQueriesPerSecond(),
                            w.maxApiConnections(),
                            Double.isNaN(w.eventsPerStreamPerSecond())
                                    ? ""
                                    : "%.2f".formatted(w.eventsPerStreamPerSecond()),
                            Double.isNaN(w.kilobytesPerStreamPerSecond())
                                    ? ""
                                    : "%.2f".formatted(w.kilobytesPerStreamPerSecond())));
        }
        out.append("\nThe same running work (")
                .append(TASKS)
                .append(" tasks of ")
                .append(SUBTASKS_PER_TASK)
                .append(" subtasks, one worker, 100 ms per image, 20 slots) first unwatched, then with ")
                .append(STREAMS)
                .append(" streams open (20 per task). Stream queries: the reads of all streams together"
                        + " (`imagegen_api_live_queries_total`); CPU from /proc.\n");
        return out.toString();
    }

    private CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> open(UUID task) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + BenchSystem.API_PORT + "/api/tasks/" + task + "/events"))
                        .header("Authorization", authorization)
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    private double liveQueries() throws Exception {
        String scrape = http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + BenchSystem.API_PORT + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher found = LIVE_QUERIES.matcher(scrape);
        return found.find() ? Double.parseDouble(found.group(1)) : Double.NaN;
    }

    /** One open stream, counted as it arrives. */
    private static final class Stream {
        final CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;
        final AtomicInteger events = new AtomicInteger();
        final LongAdder subtaskEvents = new LongAdder();
        final LongAdder bytes = new LongAdder();

        Stream(CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response) {
            this.response = response;
            response.thenAccept(r -> Thread.ofVirtual().start(() -> {
                try {
                    r.body().forEach(this::line);
                } catch (java.io.UncheckedIOException closed) {
                    // the system stopped under an open stream: nothing more to count
                }
            }));
        }

        private void line(String line) {
            bytes.add(line.length() + 1);
            if (line.startsWith("event:")) {
                events.incrementAndGet();
                if (line.contains("subtasks")) {
                    subtaskEvents.increment();
                }
            }
        }

        void reset() {
            subtaskEvents.reset();
            bytes.reset();
        }
    }
}
