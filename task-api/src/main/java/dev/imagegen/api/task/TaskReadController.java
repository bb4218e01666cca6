package dev.imagegen.api.task;

import dev.imagegen.api.page.Page;
import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.NotFoundException;
import dev.imagegen.api.security.Account;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading tasks: lists with filters and search, one task, its subtasks and its log; a task the
 * caller may not see ({@link TaskVisibility}) answers 404 on every path.
 */
@RestController
@RequestMapping("/api/tasks")
@Tag(name = "tasks", description = "Submit, read and act on tasks")
class TaskReadController {

    private static final String STATUS_VALUES = "pending, processing, completed, failed, cancelled";

    private final TaskAccess access;
    private final TaskListQuery list;
    private final TaskDetailQueries details;
    private final SubtaskQueries subtasks;

    TaskReadController(TaskAccess access, TaskListQuery list, TaskDetailQueries details, SubtaskQueries subtasks) {
        this.access = access;
        this.list = list;
        this.details = details;
        this.subtasks = subtasks;
    }

    @GetMapping
    @Operation(
            operationId = "listTasks",
            summary = "Tasks the caller may see, newest first: staff every task, a user their own and shared ones, a"
                    + " guest shared ones; q searches name and prompt text (substring or similar words)")
    Page<TaskSummary> listTasks(
            @Parameter(
                            description = "Only tasks in this status",
                            schema =
                                    @Schema(
                                            allowableValues = {
                                                "pending",
                                                "processing",
                                                "completed",
                                                "failed",
                                                "cancelled"
                                            }))
                    @RequestParam(required = false)
                    String status,
            @Parameter(description = "Only tasks of this user name") @RequestParam(required = false) String user,
            @Parameter(description = "Only tasks created at or after this time")
                    @RequestParam(name = "created_from", required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    OffsetDateTime createdFrom,
            @Parameter(description = "Only tasks created before this time")
                    @RequestParam(name = "created_to", required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    OffsetDateTime createdTo,
            @Parameter(description = "Search words, 1 to 200 characters") @RequestParam(required = false) String q,
            @Parameter(description = "The next of the previous page") @RequestParam(required = false) UUID after,
            @Parameter(description = "Tasks per page, 1 to 500") @RequestParam(defaultValue = "50") int limit,
            @AuthenticationPrincipal Account viewer) {
        new ListParameters()
                .oneOf("status", status, ListParameters.STATUSES)
                .limit(limit)
                .check(q == null || (!q.isBlank() && q.length() <= 200), "q", "must be 1 to 200 characters")
                .throwIfAny();
        var filter = new TaskListQuery.Filter(
                status, user, createdFrom, createdTo, q == null ? null : q.strip(), after, limit);
        return Page.of(list.list(viewer, filter), limit, task -> task.id().toString());
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getTask",
            summary = "One task with its counters by status and rating, settings and variables")
    TaskDetail getTask(@PathVariable UUID id, @AuthenticationPrincipal Account viewer) {
        access.readable(id, viewer);
        return details.task(id).orElseThrow(() -> new NotFoundException("task " + id));
    }

    @GetMapping("/{id}/subtasks")
    @Operation(
            operationId = "listSubtasks",
            summary = "The task's subtasks in expansion order, filtered by status, rating and variable values;"
                    + " filters combine (AND), the values of one filter are alternatives (OR)")
    Page<Subtask> listSubtasks(
            @PathVariable UUID id,
            @Parameter(
                            description = "Only subtasks in one of these statuses (" + STATUS_VALUES + "); repeat the"
                                    + " parameter or separate with commas",
                            array =
                                    @ArraySchema(
                                            schema =
                                                    @Schema(
                                                            allowableValues = {
                                                                "pending",
                                                                "processing",
                                                                "completed",
                                                                "failed",
                                                                "cancelled"
                                                            })))
                    @RequestParam(required = false)
                    List<String> status,
            @Parameter(
                            description = "Only subtasks with one of these ratings",
                            array = @ArraySchema(schema = @Schema(allowableValues = {"unrated", "poor", "good"})))
                    @RequestParam(required = false)
                    List<String> rating,
            @Parameter(
                            description = "Only subtasks with this variable value: " + VariableConditions.SHAPE
                                    + ". Repeat it: values of one variable are alternatives, different variables must"
                                    + " all match",
                            array = @ArraySchema(schema = @Schema(example = "v0:2")))
                    @RequestParam(required = false)
                    List<String> variable,
            @Parameter(description = "The next of the previous page") @RequestParam(required = false) UUID after,
            @Parameter(description = "Subtasks per page, 1 to 500") @RequestParam(defaultValue = "100") int limit,
            @AuthenticationPrincipal Account viewer) {
        List<String> statuses = status == null ? List.of() : status;
        List<String> ratings = rating == null ? List.of() : rating;
        ListParameters checks = new ListParameters().limit(limit);
        statuses.forEach(value -> checks.oneOf("status", value, ListParameters.STATUSES));
        ratings.forEach(value -> checks.oneOf("rating", value, ListParameters.RATINGS));
        List<FieldProblem> variableProblems = new ArrayList<>();
        VariableConditions conditions = new VariableConditions(variable, variableProblems);
        checks.add(variableProblems).throwIfAny();
        access.readable(id, viewer);
        SortedMap<String, Set<Integer>> values =
                conditions.isEmpty() ? new TreeMap<>() : conditions.resolve(subtasks.variables(id), variableProblems);
        checks.add(variableProblems).throwIfAny();
        var filter = new SubtaskFilter(statuses, ratings, values);
        return Page.of(subtasks.subtasks(id, filter, after, limit), limit, s -> s.id().toString());
    }

    @GetMapping("/{id}/subtasks/{sid}")
    @Operation(operationId = "getSubtask", summary = "One subtask with every dispatch attempt")
    SubtaskDetail getSubtask(@PathVariable UUID id, @PathVariable UUID sid, @AuthenticationPrincipal Account viewer) {
        access.readable(id, viewer);
        return subtasks.subtask(id, sid).orElseThrow(() -> new NotFoundException("subtask " + sid));
    }

    @GetMapping("/{id}/logs")
    @Operation(operationId = "listTaskLogs", summary = "The task's log, oldest first")
    Page<TaskLogEntry> listTaskLogs(
            @PathVariable UUID id,
            @Parameter(description = "The next of the previous page (an entry's id)") @RequestParam(required = false)
                    Long after,
            @Parameter(description = "Entries per page, 1 to 500") @RequestParam(defaultValue = "100") int limit,
            @AuthenticationPrincipal Account viewer) {
        new ListParameters().limit(limit).throwIfAny();
        access.readable(id, viewer);
        return Page.of(details.logs(id, after, limit), limit, entry -> String.valueOf(entry.id()));
    }
}
