package dev.imagegen.api.queue;

import dev.imagegen.api.log.ChangedBy;
import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.problem.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.sql.ResultSet;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The queues with their load and failing endpoints, and changing a queue's limit, retry policy or pausing it. */
@RestController
@RequestMapping("/api/queues")
@Tag(name = "queues", description = "The units of concurrency: load, limits, retry policy, failing endpoints")
class QueueController {

    // The row is locked so that the back-offs are checked against the values the update leaves.
    private static final String LOCK_QUEUE =
            "SELECT %s FROM task_queues q WHERE q.id = :id FOR UPDATE".formatted(RetryPolicy.COLUMNS);
    private static final String UPDATE_QUEUE = """
            UPDATE task_queues
               SET max_concurrent_tasks = coalesce(CAST(:max AS integer), max_concurrent_tasks),
                   is_active = coalesce(CAST(:active AS boolean), is_active),
                   rate_limit_per_minute = CASE CAST(:rate AS integer) WHEN 0 THEN NULL
                                               ELSE coalesce(CAST(:rate AS integer), rate_limit_per_minute) END,
                   max_attempts = :maxAttempts,
                   retry_backoff = CAST(:backoffMicros AS bigint) * INTERVAL '1 microsecond',
                   retry_backoff_max = CAST(:backoffMaxMicros AS bigint) * INTERVAL '1 microsecond'
             WHERE id = :id
            """;

    private final JdbcClient jdbc;
    private final QueueStatusQuery queues;

    QueueController(JdbcClient jdbc, QueueStatusQuery queues) {
        this.jdbc = jdbc;
        this.queues = queues;
    }

    @GetMapping
    @Operation(
            operationId = "listQueues",
            summary = "Every queue with its limits, running count, attempts by status, retry policy and the backend"
                    + " endpoints whose circuit is open for it")
    List<QueueView> queues() {
        return queues.all();
    }

    @PatchMapping("/{id}")
    @Transactional
    @Operation(
            operationId = "changeQueue",
            summary =
                    "Change a queue's max_concurrent_tasks, rate_limit_per_minute, is_active (pause, resume) and retry"
                            + " policy (max_attempts, retry_backoff, retry_backoff_max); managers and admins; applies at the next"
                            + " admission or claim")
    QueueView change(@PathVariable int id, @Valid @RequestBody QueueChange body) {
        if (body.changesNothing()) {
            throw InvalidRequestException.of("$", QueueChecks.NOTHING_GIVEN);
        }
        ChangedBy.signedInUser(jdbc);
        RetryPolicy current = jdbc.sql(LOCK_QUEUE)
                .param("id", id)
                .query((ResultSet rs, int row) -> RetryPolicy.read(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("queue " + id));
        RetryPolicy next = QueueChecks.apply(body, current);
        jdbc.sql(UPDATE_QUEUE)
                .param("id", id)
                .param("max", body.maxConcurrentTasks())
                .param("active", body.isActive())
                .param("rate", body.rateLimitPerMinute())
                .param("maxAttempts", next.maxAttempts())
                .param("backoffMicros", RetryPolicy.micros(next.retryBackoff()))
                .param("backoffMaxMicros", RetryPolicy.micros(next.retryBackoffMax()))
                .update();
        return queues.one(id).orElseThrow(() -> new NotFoundException("queue " + id));
    }
}
