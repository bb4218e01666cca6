package dev.imagegen.api.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A queue's retry policy as task_queues holds it: attempts, and the exponential back-off between them. Intervals travel
 * as microseconds, their precision in PostgreSQL.
 */
record RetryPolicy(int maxAttempts, Duration retryBackoff, Duration retryBackoffMax) {

    static final String COLUMNS = """
            q.max_attempts,
            CAST(EXTRACT(EPOCH FROM q.retry_backoff) * 1000000 AS bigint) AS retry_backoff_micros,
            CAST(EXTRACT(EPOCH FROM q.retry_backoff_max) * 1000000 AS bigint) AS retry_backoff_max_micros""";

    static RetryPolicy read(ResultSet rs) throws SQLException {
        return new RetryPolicy(
                rs.getInt("max_attempts"),
                Duration.ofNanos(rs.getLong("retry_backoff_micros") * 1000),
                Duration.ofNanos(rs.getLong("retry_backoff_max_micros") * 1000));
    }

    static long micros(Duration duration) {
        return duration.toNanos() / 1000;
    }
}
