package dev.imagegen.local.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks invariant 1 every 10 ms: for every queue, the attempts in {@code processing} never exceed
 * {@code max_concurrent_tasks} and {@code current_concurrent_tasks} equals their count. One statement
 * per sample, so the counts come from one snapshot. While PostgreSQL is down the samples are counted
 * as unavailable.
 */
final class InvariantSampler implements AutoCloseable {

    private static final String SAMPLE = """
            SELECT q.name, q.max_concurrent_tasks, q.current_concurrent_tasks,
                   (SELECT count(*) FROM queue_tasks t WHERE t.queue_id = q.id AND t.status = 'processing')
              FROM task_queues q
            """;

    /** Highest count seen for one queue, and the limit it had then. */
    record Peak(int inFlight, int limit) {}

    private final String url;
    private final String user;
    private final String password;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "invariant-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Peak> peaks = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private Connection connection;
    private long samples;
    private long unavailable;
    private long violating;

    InvariantSampler(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(Duration every) {
        timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url, user, password);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(SAMPLE)) {
                while (rows.next()) {
                    String queue = rows.getString(1);
                    int limit = rows.getInt(2);
                    int counter = rows.getInt(3);
                    int processing = rows.getInt(4);
                    if (processing > limit || counter != processing) {
                        violating++;
                        if (violations.size() < 20) {
                            violations.add("%s: %d processing, counter %d, limit %d"
                                    .formatted(queue, processing, counter, limit));
                        }
                    }
                    Peak peak = peaks.get(queue);
                    if (peak == null || processing > peak.inFlight()) {
                        peaks.put(queue, new Peak(processing, limit));
                    }
                }
            }
            samples++;
        } catch (SQLException down) {
            unavailable++;
            closeConnection();
        }
    }

    synchronized long samples() {
        return samples;
    }

    synchronized long unavailable() {
        return unavailable;
    }

    /** Queue samples that broke invariant 1. */
    synchronized long violating() {
        return violating;
    }

    /** The first few violations, described. */
    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized Map<String, Peak> peaks() {
        return Map.copyOf(peaks);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        synchronized (this) {
            closeConnection();
        }
    }
}
