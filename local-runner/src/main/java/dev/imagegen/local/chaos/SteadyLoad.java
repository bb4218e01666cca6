package dev.imagegen.local.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits one task every {@code interval} through the REST API, as a client that must not lose
 * work would: each submission carries an {@code Idempotency-Key} and is repeated until the API
 * accepts it (while PostgreSQL restarts the API cannot), for at most {@code patience}. Every task
 * has a prompt of its own and one variable with {@code variants} values, so every subtask's composed
 * prompt is unique and the recording backend can tell generations apart. Tasks rotate over the three
 * queues: standard (priority 1), high priority (priority 3) and lumina (a lumina tag).
 */
final class SteadyLoad implements AutoCloseable {

    private static final Pattern TASK_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /** Answers about the request itself; anything else (503, a 401 while accounts cannot be read) is repeated. */
    private static final Set<Integer> FINAL = Set.of(400, 413, 415, 422);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI tasks;
    private final String authorization;
    private final int variants;
    private final Duration patience;
    private final ExecutorService submissions = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final List<String> refusals = new ArrayList<>();
    private volatile boolean running = true;
    private Thread pacer;

    SteadyLoad(int apiPort, String user, int variants, Duration patience) {
        this.tasks = URI.create("http://localhost:%d/api/tasks".formatted(apiPort));
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        this.variants = variants;
        this.patience = patience;
    }

    void start(Duration interval) {
        pacer = Thread.ofPlatform().name("steady-load").start(() -> {
            long next = System.nanoTime();
            while (running) {
                int number = sent.incrementAndGet();
                submissions.submit(() -> submit(number));
                next += interval.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    /** Stops sending new tasks and waits for the submissions still being repeated. */
    void stop() throws InterruptedException {
        running = false;
        pacer.interrupt();
        pacer.join();
        submissions.shutdown();
        submissions.awaitTermination(patience.toSeconds() + 10, TimeUnit.SECONDS);
    }

    int sent() {
        return sent.get();
    }

    Set<UUID> accepted() {
        return Set.copyOf(accepted);
    }

    int refused() {
        return refused.get();
    }

    long retries() {
        return retries.get();
    }

    synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }

    int subtasksPerTask() {
        return variants;
    }

    private void submit(int number) {
        HttpRequest request = HttpRequest.newBuilder(tasks)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "chaos-" + number)
                .POST(HttpRequest.BodyPublishers.ofString(body(number), StandardCharsets.UTF_8))
                .build();
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 201) {
                    Matcher id = TASK_ID.matcher(response.body());
                    if (id.find()) {
                        accepted.add(UUID.fromString(id.group(1)));
                        return;
                    }
                    last = "answer without a task id: " + response.body();
                } else if (FINAL.contains(response.statusCode())) {
                    // A refusal of the request itself: repeating it would not help.
                    record(number, response.statusCode() + " " + response.body());
                    return;
                } else {
                    last = response.statusCode() + " " + response.body();
                }
            } catch (IOException unavailable) {
                last = unavailable.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        record(number, "gave up after " + patience + ": " + last);
    }

    private synchronized void record(int number, String reason) {
        refused.incrementAndGet();
        if (refusals.size() < 10) {
            refusals.add("task " + number + ": " + reason);
        }
    }

    private String body(int number) {
        String kind = number % 5 == 0 ? "lumina" : "prompt";
        int priority = number % 5 == 1 ? 3 : 1;
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= variants; i++) {
            if (i > 1) {
                values.append(',');
            }
            values.append("""
                    {"uuid": "%s", "type": "prompt", "value": "variant %d", "weight": 1.0, "name": "v%d"}""".formatted(UUID.randomUUID(), i, i));
        }
        return """
                {"name": "chaos %1$d", "priority": %2$d,
                 "prompts": [{"uuid": "%3$s", "type": "%4$s", "value": "chaos task %1$d", "weight": 1.0, "name": "t"}],
                 "variables": {"v0": {"type": "prompt", "values": [%5$s]}}}
                """.formatted(number, priority, UUID.randomUUID(), kind, values);
    }

    @Override
    public void close() {
        running = false;
        submissions.shutdownNow();
    }
}
