package dev.imagegen.api.queue;

import dev.imagegen.api.log.ChangedBy;
import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.problem.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The queues with their load and failing endpoints, and changing a queue's limit or pausing it. */
@RestController
@RequestMapping("/api/queues")
@Tag(name = "queues")
class QueueController {

    private static final int MAX_CONCURRENCY = 10_000;

    private static final String UPDATE_QUEUE = """
            UPDATE task_queues
               SET max_concurrent_tasks = coalesce(CAST(:max AS integer), max_concurrent_tasks),
                   is_active = coalesce(CAST(:active AS boolean), is_active)
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
            summary = "Every queue with its limit, running count, attempts by status and the backend endpoints"
                    + " whose circuit is open for it")
    List<QueueView> queues() {
        return queues.all();
    }

    @PatchMapping("/{id}")
    @Transactional
    @Operation(summary = "Change max_concurrent_tasks and/or is_active of a queue")
    QueueView change(@PathVariable int id, @RequestBody JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        JsonNode max = body.get("max_concurrent_tasks");
        JsonNode active = body.get("is_active");
        if (!body.isObject() || (max == null && active == null)) {
            problems.add(new FieldProblem("$", "give max_concurrent_tasks and/or is_active"));
        }
        if (max != null
                && (!max.isIntegralNumber()
                        || !max.canConvertToInt()
                        || max.intValue() < 0
                        || max.intValue() > MAX_CONCURRENCY)) {
            problems.add(new FieldProblem("$.max_concurrent_tasks", "must be an integer from 0 to " + MAX_CONCURRENCY));
        }
        if (active != null && !active.isBoolean()) {
            problems.add(new FieldProblem("$.is_active", "must be true or false"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        ChangedBy.signedInUser(jdbc);
        int changed = jdbc.sql(UPDATE_QUEUE)
                .param("id", id)
                .param("max", max == null ? null : max.intValue())
                .param("active", active == null ? null : active.booleanValue())
                .update();
        if (changed == 0) {
            throw new NotFoundException("queue " + id);
        }
        return queues.one(id).orElseThrow(() -> new NotFoundException("queue " + id));
    }
}
