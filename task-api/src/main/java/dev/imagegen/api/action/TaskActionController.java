package dev.imagegen.api.action;

import dev.imagegen.api.action.ActionBodies.Cancelled;
import dev.imagegen.api.action.ActionBodies.Changed;
import dev.imagegen.api.action.ActionBodies.Rated;
import dev.imagegen.api.action.ActionBodies.RatingChange;
import dev.imagegen.api.action.ActionBodies.Retried;
import dev.imagegen.api.action.ActionBodies.SubtaskCancelled;
import dev.imagegen.api.action.ActionBodies.SubtaskRetried;
import dev.imagegen.api.action.ActionBodies.TaskChange;
import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.problem.StorableText;
import dev.imagegen.api.security.Account;
import dev.imagegen.api.task.TaskAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Acting on a task: rate a subtask, cancel or retry one subtask, cancel, retry failed subtasks, delete, share. */
@RestController
@RequestMapping("/api/tasks/{id}")
@Tag(name = "tasks")
class TaskActionController {

    private static final List<String> RATINGS = List.of("unrated", "poor", "good");
    private static final int MAX_EVALUATION_LENGTH = 4000;
    private static final List<String> VISIBILITIES = List.of("private", "shared");

    private final TaskAccess access;
    private final TaskActions actions;
    private final SubtaskActions subtaskActions;

    TaskActionController(TaskAccess access, TaskActions actions, SubtaskActions subtaskActions) {
        this.access = access;
        this.actions = actions;
        this.subtaskActions = subtaskActions;
    }

    @PutMapping("/subtasks/{sid}/rating")
    @Operation(
            operationId = "rateSubtask",
            summary = "Rate a completed subtask: unrated, poor or good, with an optional evaluation")
    Rated rateSubtask(
            @PathVariable UUID id,
            @PathVariable UUID sid,
            @RequestBody RatingChange body,
            @AuthenticationPrincipal Account actor) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body.rating() == null || !RATINGS.contains(body.rating())) {
            problems.add(new FieldProblem("$.rating", "is required: one of " + RATINGS));
        }
        if (body.evaluation() != null && body.evaluation().length() > MAX_EVALUATION_LENGTH) {
            problems.add(new FieldProblem("$.evaluation", "must be at most " + MAX_EVALUATION_LENGTH + " characters"));
        } else if (StorableText.hasNul(body.evaluation())) {
            problems.add(new FieldProblem("$.evaluation", StorableText.NUL_MESSAGE));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        actions.rate(access.changeable(id, actor), sid, body.rating(), body.evaluation(), actor.getUsername());
        return new Rated(sid, body.rating(), body.evaluation());
    }

    @PostMapping("/cancel")
    @Operation(
            operationId = "cancelTask",
            summary = "Cancel pending subtasks now; running ones are cancelled when their worker reports")
    Cancelled cancelTask(@PathVariable UUID id, @AuthenticationPrincipal Account actor) {
        return actions.cancel(access.changeable(id, actor), actor.getUsername());
    }

    @PostMapping("/retry")
    @Operation(operationId = "retryTask", summary = "Give every failed subtask a new dispatch attempt")
    Retried retryTask(@PathVariable UUID id, @AuthenticationPrincipal Account actor) {
        return new Retried(actions.retry(access.changeable(id, actor), actor.getUsername()));
    }

    @PostMapping("/subtasks/{sid}/cancel")
    @Operation(
            operationId = "cancelSubtask",
            summary = "Cancel one pending or generating subtask; a generating one's result is discarded when its"
                    + " worker reports")
    SubtaskCancelled cancelSubtask(
            @PathVariable UUID id, @PathVariable UUID sid, @AuthenticationPrincipal Account actor) {
        return subtaskActions.cancel(access.changeable(id, actor), sid, actor.getUsername());
    }

    @PostMapping("/subtasks/{sid}/retry")
    @Operation(operationId = "retrySubtask", summary = "Give one failed or cancelled subtask a new dispatch attempt")
    SubtaskRetried retrySubtask(@PathVariable UUID id, @PathVariable UUID sid, @AuthenticationPrincipal Account actor) {
        return subtaskActions.retry(access.changeable(id, actor), sid, actor.getUsername());
    }

    @PatchMapping
    @Operation(
            operationId = "changeTask",
            summary = "Share the task's work with everyone signed in (shared) or keep it to its owner and staff"
                    + " (private)")
    Changed changeTask(@PathVariable UUID id, @RequestBody TaskChange body, @AuthenticationPrincipal Account actor) {
        if (body.visibility() == null || !VISIBILITIES.contains(body.visibility())) {
            throw InvalidRequestException.of("$.visibility", "is required: one of " + VISIBILITIES);
        }
        actions.share(access.changeable(id, actor), body.visibility(), actor.getUsername());
        return new Changed(id, body.visibility());
    }

    @DeleteMapping
    @Operation(operationId = "deleteTask", summary = "Hide the task (soft delete) and cancel its pending work")
    @ApiResponse(responseCode = "204", description = "The task is deleted")
    ResponseEntity<Void> deleteTask(@PathVariable UUID id, @AuthenticationPrincipal Account actor) {
        actions.delete(access.changeable(id, actor), actor.getUsername());
        return ResponseEntity.noContent().build();
    }
}
