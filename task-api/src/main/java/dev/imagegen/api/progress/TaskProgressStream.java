package dev.imagegen.api.progress;

import dev.imagegen.api.security.Account;
import dev.imagegen.api.task.TaskAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/tasks/{id}/events}: a {@code progress} event whenever the task's counters or status change and a
 * {@code subtasks} event (at most every 250 ms) with the latest state of each subtask that changed, closed once the
 * task is finished. A page names the subtasks it shows ({@code subtask=<id>}, repeated) and is sent only theirs.
 * Every stream of this instance is fed by {@link LiveStreams}.
 */
@RestController
@Tag(name = "tasks")
@EnableConfigurationProperties(LiveProperties.class)
class TaskProgressStream {

    private final TaskAccess access;
    private final LiveStreams streams;

    TaskProgressStream(TaskAccess access, LiveStreams streams) {
        this.access = access;
        this.streams = streams;
    }

    @GetMapping(path = "/api/tasks/{id}/events", produces = "text/event-stream")
    @Operation(
            operationId = "streamTaskEvents",
            summary = "Server-sent events of a task until it is finished: progress (TaskProgress) when its status or"
                    + " counters change, subtasks (SubtaskChanges) with the latest state of the subtasks that changed",
            description = "Two event names: `event: progress` carries a TaskProgress (the first one at once, then on"
                    + " every change; the stream ends after the task finished); `event: subtasks` carries"
                    + " SubtaskChanges, at most one event every 250 ms, each changed subtask once in its latest state"
                    + " (status, rating, evaluation, error, retry_count, images, updated_at). Changes made before the"
                    + " stream opened are not sent: open the stream, then read the subtasks. With `subtask` (the"
                    + " subtasks a page shows) the stream sends only the changes of those subtasks, and their current"
                    + " state once in its first subtasks event, so a page that re-opens its stream for the subtasks"
                    + " it shows now misses no change of them; progress events are the same with or without it.")
    @ApiResponse(
            responseCode = "200",
            description = "A stream of progress events (data: TaskProgress) and subtasks events (data: SubtaskChanges)",
            content =
                    @Content(
                            mediaType = "text/event-stream",
                            schema =
                                    @Schema(
                                            description = "The data of one event: TaskProgress for progress,"
                                                    + " SubtaskChanges for subtasks",
                                            oneOf = {TaskProgress.class, SubtaskChanges.class})))
    SseEmitter streamTaskEvents(
            @PathVariable UUID id,
            @Parameter(
                            description = "Send only the changes of these subtasks (ids of this task), at most "
                                    + ShownSubtasks.MAX + "; repeat the parameter or separate with commas. Given"
                                    + " empty (`subtask=`) the stream sends progress events only. Without it, the"
                                    + " changes of every subtask of the task",
                            array =
                                    @ArraySchema(
                                            maxItems = ShownSubtasks.MAX,
                                            schema = @Schema(type = "string", format = "uuid")))
                    @RequestParam(name = ShownSubtasks.PARAMETER, required = false)
                    List<String> subtask,
            @AuthenticationPrincipal Account viewer) {
        var shown = ShownSubtasks.parse(subtask);
        access.readable(id, viewer);
        return streams.open(id, shown);
    }
}
