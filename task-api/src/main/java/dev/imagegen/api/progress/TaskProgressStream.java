package dev.imagegen.api.progress;

import dev.imagegen.api.security.Account;
import dev.imagegen.api.task.TaskAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/tasks/{id}/events}: a {@code progress} event whenever the task's counters or
 * status change (read every 500 ms, sent only on change), closed once the task is finished.
 */
@RestController
@Tag(name = "tasks")
class TaskProgressStream implements DisposableBean {

    private static final Duration CHECK_EVERY = Duration.ofMillis(500);
    private static final Duration STREAM_FOR = Duration.ofMinutes(30);

    private static final String PROGRESS = """
            SELECT id, status::text AS status, progress, total_images, processed_images,
                   processing_subtasks, completed_subtasks, failed_subtasks, cancelled_subtasks,
                   completed_at, updated_at
              FROM tasks WHERE id = :id
            """;

    private final TaskAccess access;
    private final JdbcClient jdbc;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("task-progress-", 0).factory());

    TaskProgressStream(TaskAccess access, JdbcClient jdbc) {
        this.access = access;
        this.jdbc = jdbc;
    }

    @GetMapping(path = "/api/tasks/{id}/events", produces = "text/event-stream")
    @Operation(
            operationId = "streamTaskEvents",
            summary = "Server-sent events: a progress event (TaskProgress) whenever the task's status or counters"
                    + " change, until it is finished")
    @ApiResponse(
            responseCode = "200",
            description = "A stream of progress events",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(implementation = TaskProgress.class)))
    SseEmitter streamTaskEvents(@PathVariable UUID id, @AuthenticationPrincipal Account viewer) {
        access.readable(id, viewer);
        SseEmitter emitter = new SseEmitter(STREAM_FOR.toMillis());
        AtomicReference<TaskProgress> last = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> check = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> running = check.get();
            if (running != null) {
                running.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(error -> stop.run());
        check.set(checks.scheduleWithFixedDelay(
                () -> sendIfChanged(id, emitter, last, stop), 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    private void sendIfChanged(UUID id, SseEmitter emitter, AtomicReference<TaskProgress> last, Runnable stop) {
        try {
            TaskProgress now =
                    jdbc.sql(PROGRESS).param("id", id).query(TaskProgress.class).single();
            if (!Objects.equals(now, last.get())) {
                last.set(now);
                emitter.send(SseEmitter.event().name("progress").data(now));
            }
            if (now.finished()) {
                stop.run();
                emitter.complete();
            }
        } catch (IOException | RuntimeException gone) {
            stop.run();
            emitter.completeWithError(gone);
        }
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
