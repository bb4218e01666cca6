package dev.imagegen.worker.backend;

import dev.imagegen.worker.WorkerProperties;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.postgresql.util.PGInterval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes this worker's endpoint circuits to {@code endpoint_circuits} when they open or close, with
 * the queues whose work the worker sent to each endpoint, so the queues page can show them. An open
 * row is rewritten every third of {@code circuit-expiry} and counts only until it expires, so a worker
 * that dies leaves nothing open for long; a worker that stops deletes its rows. A write that fails
 * (the database away) is tried again at the next check.
 */
@Component
public class CircuitRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CircuitRecorder.class);

    /** How often the circuits (in memory) are looked at. */
    static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private static final String UPSERT = """
            INSERT INTO endpoint_circuits (worker_id, endpoint, backend_type, state, since, last_error, queues, expires_at)
            VALUES (:worker, :endpoint, :type, :state, :since, :error,
                    ARRAY(SELECT jsonb_array_elements_text(CAST(:queues AS jsonb))), now() + :expiry)
            ON CONFLICT (worker_id, endpoint) DO UPDATE
               SET backend_type = EXCLUDED.backend_type, state = EXCLUDED.state, since = EXCLUDED.since,
                   last_error = EXCLUDED.last_error, queues = EXCLUDED.queues, expires_at = EXCLUDED.expires_at
            """;
    private static final String DELETE_OWN = "DELETE FROM endpoint_circuits WHERE worker_id = :worker";
    /** Rows of workers that died long ago. */
    private static final String DELETE_LONG_EXPIRED =
            "DELETE FROM endpoint_circuits WHERE expires_at < now() - INTERVAL '1 day'";

    /** What was last written for an endpoint: the circuit's state, its queues, and when (nanoTime). */
    private record Written(CircuitBreaker.State state, Set<String> queues, long at) {}

    private final ImageBackends backends;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String workerId;
    private final Duration expiry;
    private final Map<String, Set<String>> queuesByEndpoint = new ConcurrentHashMap<>();
    /** Touched only on the recorder's thread. */
    private final Map<String, Written> written = new HashMap<>();

    private ScheduledExecutorService scheduler;
    private boolean failing;

    CircuitRecorder(ImageBackends backends, JdbcClient jdbc, JsonMapper json, WorkerProperties properties) {
        this.backends = backends;
        this.jdbc = jdbc;
        this.json = json;
        this.workerId = properties.id();
        this.expiry = properties.circuitExpiry();
    }

    /** Notes that {@code queue}'s work goes to {@code endpoint}: an open circuit there holds that queue back. */
    public void serving(String endpoint, String queue) {
        queuesByEndpoint
                .computeIfAbsent(endpoint, e -> ConcurrentHashMap.newKeySet())
                .add(queue);
    }

    /** Writes what changed since the last check, and rewrites open rows a third of their expiry old. */
    void recordChanges() {
        backends.all().forEach((name, selected) -> {
            if (selected.backend() instanceof CircuitBreakingBackend breaking) {
                record(name, selected.backend().type(), breaking.circuit().state());
            }
        });
    }

    private void record(String endpoint, String type, CircuitBreaker.State state) {
        Written last = written.get(endpoint);
        Set<String> queues = new TreeSet<>(queuesByEndpoint.getOrDefault(endpoint, Set.of()));
        boolean due;
        if (last == null || last.state().open() != state.open()) {
            due = state.open() || last != null;
        } else {
            // While open: a newer error, another queue, or a third of the expiry since the last write.
            due = state.open()
                    && (!last.state().equals(state)
                            || !last.queues().equals(queues)
                            || System.nanoTime() - last.at() > expiry.toNanos() / 3);
        }
        if (!due) {
            return;
        }
        try {
            jdbc.sql(UPSERT)
                    .param("worker", workerId)
                    .param("endpoint", endpoint)
                    .param("type", type)
                    .param("state", state.open() ? "open" : "closed")
                    .param("since", OffsetDateTime.ofInstant(state.since(), ZoneOffset.UTC))
                    .param("error", state.lastError())
                    .param("queues", json.writeValueAsString(queues))
                    .param("expiry", new PGInterval(0, 0, 0, 0, 0, expiry.toMillis() / 1000.0))
                    .update();
            written.put(endpoint, new Written(state, queues, System.nanoTime()));
            failing = false;
            log.info(
                    "Recorded endpoint {}'s circuit as {} (queues {}): {}",
                    endpoint,
                    state.open() ? "open" : "closed",
                    queues,
                    state.lastError());
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Could not record endpoint {}'s circuit; trying again: {}", endpoint, e.getMessage());
            }
            failing = true;
        }
    }

    private void recordSafely() {
        try {
            recordChanges();
        } catch (RuntimeException e) {
            log.warn("Recording the endpoint circuits failed: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("circuit-recorder").factory());
        scheduler.execute(() -> {
            try {
                jdbc.sql(DELETE_LONG_EXPIRED).update();
            } catch (RuntimeException e) {
                log.debug("Could not delete long expired circuit rows: {}", e.getMessage());
            }
        });
        long every = CHECK_EVERY.toMillis();
        scheduler.scheduleWithFixedDelay(this::recordSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops checking, then deletes this worker's rows: its circuits end with it. */
    @Override
    public void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            jdbc.sql(DELETE_OWN).param("worker", workerId).update();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not delete this worker's circuit rows; they expire: {}", e.getMessage());
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
