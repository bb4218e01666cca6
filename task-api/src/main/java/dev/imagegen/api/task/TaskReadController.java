package dev.imagegen.api.task;

import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.problem.NotFoundException;
import dev.imagegen.api.security.Account;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reading tasks: lists with filters and search, one task, its subtasks and its log; a task the
 * caller may not see ({@link TaskVisibility}) answers 404 on every path.
 */
@RestController
@RequestMapping("/api/tasks")
@Tag(name = "read")
class TaskReadController {

    private static final List<String> STATUSES = List.of("pending", "processing", "completed", "failed", "cancelled");
    private static final List<String> RATINGS = List.of("unrated", "poor", "good");

    private final TaskAccess access;
    private final TaskListQuery list;
    private final TaskDetailQueries details;
    private final ObjectMapper mapper;

    TaskReadController(TaskAccess access, TaskListQuery list, TaskDetailQueries details, ObjectMapper mapper) {
        this.access = access;
        this.list = list;
        this.details = details;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(
            summary = "Tasks the caller may see, newest first: staff every task, a user their own and shared ones, a"
                    + " guest shared ones; q searches name and prompt text (substring or similar words)")
    JsonNode tasks(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String user,
            @RequestParam(name = "created_from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    OffsetDateTime createdFrom,
            @RequestParam(name = "created_to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    OffsetDateTime createdTo,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "50") int limit,
            @AuthenticationPrincipal Account viewer) {
        List<FieldProblem> problems = new ArrayList<>();
        Page.checkOneOf("status", status, STATUSES, problems);
        Page.checkLimit(limit, problems);
        if (q != null && (q.isBlank() || q.length() > 200)) {
            problems.add(new FieldProblem("q", "must be 1 to 200 characters"));
        }
        throwIfAny(problems);
        var filter = new TaskListQuery.Filter(
                status, user, createdFrom, createdTo, q == null ? null : q.strip(), after, limit);
        return Page.of(mapper, list.list(viewer, filter), limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One task with its counters by status and rating, settings and variables")
    JsonNode task(@PathVariable UUID id, @AuthenticationPrincipal Account viewer) {
        access.readable(id, viewer);
        return mapper.readTree(details.task(id));
    }

    @GetMapping("/{id}/subtasks")
    @Operation(summary = "The task's subtasks in expansion order, filtered by status and rating")
    JsonNode subtasks(
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String rating,
            @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "100") int limit,
            @AuthenticationPrincipal Account viewer) {
        List<FieldProblem> problems = new ArrayList<>();
        Page.checkOneOf("status", status, STATUSES, problems);
        Page.checkOneOf("rating", rating, RATINGS, problems);
        Page.checkLimit(limit, problems);
        throwIfAny(problems);
        access.readable(id, viewer);
        return Page.of(mapper, details.subtasks(id, status, rating, after, limit), limit);
    }

    @GetMapping("/{id}/subtasks/{sid}")
    @Operation(summary = "One subtask with every dispatch attempt")
    JsonNode subtask(@PathVariable UUID id, @PathVariable UUID sid, @AuthenticationPrincipal Account viewer) {
        access.readable(id, viewer);
        return mapper.readTree(details.subtask(id, sid).orElseThrow(() -> new NotFoundException("subtask " + sid)));
    }

    @GetMapping("/{id}/logs")
    @Operation(summary = "The task's log, oldest first")
    JsonNode logs(
            @PathVariable UUID id,
            @RequestParam(required = false) Long after,
            @RequestParam(defaultValue = "100") int limit,
            @AuthenticationPrincipal Account viewer) {
        List<FieldProblem> problems = new ArrayList<>();
        Page.checkLimit(limit, problems);
        throwIfAny(problems);
        access.readable(id, viewer);
        return Page.of(mapper, details.logs(id, after, limit), limit);
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
