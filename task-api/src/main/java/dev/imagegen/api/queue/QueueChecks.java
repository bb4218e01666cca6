package dev.imagegen.api.queue;

import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a queue change beyond one field's range: the back-offs' range, and that the first back-off never
 * exceeds the longest one (task_queues' check_retry_backoff), with the values a change leaves as they are.
 */
final class QueueChecks {

    static final int MAX_CONCURRENCY = 10_000;
    static final String CONCURRENCY_RULE = "must be an integer from 0 to " + MAX_CONCURRENCY;
    static final int MAX_ATTEMPTS = 100;
    static final String ATTEMPTS_RULE = "must be an integer from 1 to " + MAX_ATTEMPTS;
    static final int MAX_RATE = 1_000_000;
    static final String RATE_RULE = "must be an integer from 0 (no limit) to " + MAX_RATE;
    static final Duration MAX_BACKOFF = Duration.ofHours(24);
    static final String BACKOFF_RULE = "must be a duration from PT0S to PT24H";
    static final String NOTHING_GIVEN =
            "give at least one of [is_active, max_attempts, max_concurrent_tasks, rate_limit_per_minute, retry_backoff,"
                    + " retry_backoff_max]";

    private QueueChecks() {}

    /** The policy the change leaves, or the problems that refuse it. */
    static RetryPolicy apply(QueueChange change, RetryPolicy current) {
        List<FieldProblem> problems = new ArrayList<>();
        inRange("$.retry_backoff", change.retryBackoff(), problems);
        inRange("$.retry_backoff_max", change.retryBackoffMax(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        RetryPolicy next = new RetryPolicy(
                change.maxAttempts() == null ? current.maxAttempts() : change.maxAttempts(),
                change.retryBackoff() == null ? current.retryBackoff() : change.retryBackoff(),
                change.retryBackoffMax() == null ? current.retryBackoffMax() : change.retryBackoffMax());
        if (next.retryBackoff().compareTo(next.retryBackoffMax()) > 0) {
            throw change.retryBackoff() != null
                    ? InvalidRequestException.of(
                            "$.retry_backoff", "must be at most retry_backoff_max (" + next.retryBackoffMax() + ")")
                    : InvalidRequestException.of(
                            "$.retry_backoff_max", "must be at least retry_backoff (" + next.retryBackoff() + ")");
        }
        return next;
    }

    private static void inRange(String path, Duration value, List<FieldProblem> problems) {
        if (value != null && (value.isNegative() || value.compareTo(MAX_BACKOFF) > 0)) {
            problems.add(new FieldProblem(path, BACKOFF_RULE));
        }
    }
}
