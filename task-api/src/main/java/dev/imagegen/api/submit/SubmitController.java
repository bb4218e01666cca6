package dev.imagegen.api.submit;

import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.security.Account;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/** Task submission: checks everything, expands the variables, routes, and writes in one transaction. */
@RestController
@RequestMapping("/api/tasks")
@EnableConfigurationProperties({SubmitLimits.class, QueueRouting.class})
@Tag(name = "tasks")
class SubmitController {

    private final SubmissionReader reader;
    private final TaskWriter writer;
    private final LibraryTags library;
    private final QueueRouting routing;
    private final SubmitLimits limits;
    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final CheckedSubmission checked;
    private final Timer submitTimer;

    SubmitController(
            SubmissionReader reader,
            TaskWriter writer,
            LibraryTags library,
            QueueRouting routing,
            SubmitLimits limits,
            JdbcClient jdbc,
            ObjectMapper mapper,
            CheckedSubmission checked,
            MeterRegistry meters) {
        this.checked = checked;
        this.reader = reader;
        this.writer = writer;
        this.library = library;
        this.routing = routing;
        this.limits = limits;
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.submitTimer = Timer.builder("imagegen.tasks.submit")
                .description("Time to check, expand and write a submitted task")
                .register(meters);
    }

    @PostMapping
    @Operation(
            operationId = "submitTask",
            summary = "Submit a task; the same Idempotency-Key from the same user returns the first task")
    @ApiResponse(
            responseCode = "201",
            description = "The task is written; Location names it",
            headers = @Header(name = "Location", description = "/api/tasks/{id} of the new task"))
    @ApiResponse(
            responseCode = "200",
            description = "The Idempotency-Key was used before by this user: the task it created",
            headers = @Header(name = "Location", description = "/api/tasks/{id} of that task"))
    ResponseEntity<TaskAccepted> submitTask(
            @RequestBody @Valid NewTask body,
            @Parameter(description = "Sending the same key again (1 to 255 characters) returns the first task")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    String idempotencyKey,
            @AuthenticationPrincipal Account account) {
        return submitTimer.record(() -> {
            String key = checkedKey(idempotencyKey);
            if (key != null) {
                var earlier = writer.findByIdempotencyKey(account.id(), key);
                if (earlier.isPresent()) {
                    return answer(earlier.get(), HttpStatus.OK);
                }
            }
            TaskSubmission task = reader.read(checked.tree(body));
            String queue = routing.queueFor(task);
            int queueId = writer.queueId(queue);
            String newTags = library.match(task);
            SubtaskRows rows = SubtaskRows.of(new Expansion(task), task, mapper, this::randomSeed);
            TaskWriter.Written written = writer.write(task, rows, newTags, account.id(), key, queueId, queue);
            return answer(written.taskId(), written.replayed() ? HttpStatus.OK : HttpStatus.CREATED);
        });
    }

    @PostMapping("/preview")
    @Operation(
            operationId = "previewTask",
            summary = "Check and expand a task without writing it: the count and the first combinations")
    Preview previewTask(@RequestBody @Valid NewTask body) {
        TaskSubmission task = reader.read(checked.tree(body));
        Expansion expansion = new Expansion(task);
        List<Preview.Subtask> first = LongStream.range(0, Math.min(expansion.count(), limits.previewSize()))
                .mapToObj(expansion::combination)
                .map(combination -> Preview.Subtask.of(combination, mapper))
                .toList();
        return new Preview(expansion.count(), routing.queueFor(task), first);
    }

    private ResponseEntity<TaskAccepted> answer(UUID taskId, HttpStatus status) {
        TaskAccepted task = jdbc.sql(TaskAccepted.FIND)
                .param("id", taskId)
                .query(TaskAccepted.class)
                .single();
        return ResponseEntity.status(status)
                .location(URI.create("/api/tasks/" + taskId))
                .body(task);
    }

    private static String checkedKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 255) {
            throw InvalidRequestException.of("Idempotency-Key", "must be 1 to 255 characters");
        }
        return key;
    }

    private long randomSeed() {
        return ThreadLocalRandom.current().nextLong(0, limits.maxSeed() + 1);
    }
}
