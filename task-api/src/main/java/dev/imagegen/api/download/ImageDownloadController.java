package dev.imagegen.api.download;

import dev.imagegen.api.download.CompletedSubtasks.TaskFacts;
import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.problem.NotFoundException;
import dev.imagegen.api.security.Account;
import dev.imagegen.api.task.TaskAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads of a task's images as one zip, to whoever may read the task. Everything that can refuse the request is
 * checked before the first byte; then the zip is written straight to the response as it is read.
 */
@RestController
@RequestMapping("/api/tasks/{id}/images.zip")
@Tag(name = "tasks")
class ImageDownloadController {

    private static final Logger log = LoggerFactory.getLogger(ImageDownloadController.class);
    private static final String ZIP = "application/zip";
    private static final String ZIP_CONTENT = "A zip: images/<file>.png for each image of the completed subtasks in"
            + " expansion order, then manifest.csv (UTF-8 with a byte order mark), one row per image: subtask_id,"
            + " image (its index in the batch), one column per variable headed \"<key> <type>\" holding the value's"
            + " name, prompt, seed, ratio, rating, evaluation, file (its name in the zip; empty when the file is"
            + " missing)";

    private final TaskAccess access;
    private final CompletedSubtasks subtasks;
    private final ImagesZip zip;

    ImageDownloadController(TaskAccess access, CompletedSubtasks subtasks, ImagesZip zip) {
        this.access = access;
        this.subtasks = subtasks;
        this.zip = zip;
    }

    @GetMapping
    @Operation(
            operationId = "downloadTaskImages",
            summary = "Every completed image of the task as a zip with a manifest.csv, streamed",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = ZIP_CONTENT,
                            content = @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary"))))
    void downloadTaskImages(
            @PathVariable UUID id, @AuthenticationPrincipal Account viewer, HttpServletResponse response)
            throws IOException {
        access.readable(id, viewer);
        send(facts(id), null, response);
    }

    @PostMapping
    @Operation(
            operationId = "downloadSelectedImages",
            summary = "The images of the selected completed subtasks as a zip with a manifest.csv, streamed",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = ZIP_CONTENT,
                            content = @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary"))))
    void downloadSelectedImages(
            @PathVariable UUID id,
            @RequestBody ImageSelection body,
            @AuthenticationPrincipal Account viewer,
            HttpServletResponse response)
            throws IOException {
        List<UUID> ids = body.subtaskIds();
        if (ids == null || ids.isEmpty() || ids.size() > ImageSelection.MAX_IDS) {
            throw InvalidRequestException.of(
                    "$.subtask_ids", "is required: 1 to " + ImageSelection.MAX_IDS + " subtask ids");
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                problems.add(new FieldProblem("$.subtask_ids[" + i + "]", "must be a subtask id"));
            }
        }
        throwIfAny(problems);
        access.readable(id, viewer);
        Set<UUID> selected = new LinkedHashSet<>(ids);
        Map<UUID, String> statuses = subtasks.statuses(id, selected);
        for (int i = 0; i < ids.size(); i++) {
            String status = statuses.get(ids.get(i));
            if (status == null) {
                problems.add(new FieldProblem("$.subtask_ids[" + i + "]", "is not a subtask of this task"));
            } else if (!status.equals("completed")) {
                problems.add(new FieldProblem(
                        "$.subtask_ids[" + i + "]", "is " + status + "; only completed subtasks have images"));
            }
        }
        throwIfAny(problems);
        send(facts(id), selected, response);
    }

    private TaskFacts facts(UUID id) {
        return subtasks.task(id).orElseThrow(() -> new NotFoundException("task " + id));
    }

    private void send(TaskFacts task, Collection<UUID> selected, HttpServletResponse response) throws IOException {
        response.setContentType(ZIP);
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(fileName(task.name()), StandardCharsets.UTF_8)
                        .build()
                        .toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try {
            zip.write(task, selected, response.getOutputStream());
        } catch (IOException e) {
            if (!response.isCommitted()) {
                throw e;
            }
            // The client went away (or the disk failed) mid-download: the zip is cut short, nothing to answer.
            log.info("Download of the images of task {} stopped: {}", task.id(), e.toString());
        }
    }

    /** The task's name as a file name: no path separators or control characters, at most 100 characters. */
    static String fileName(String taskName) {
        String name = taskName.replaceAll("[\\p{Cntrl}/\\\\:*?\"<>|]", "_").strip();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        return (name.isEmpty() ? "images" : name) + ".zip";
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
