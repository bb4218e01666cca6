package dev.imagegen.api.image;

import dev.imagegen.api.problem.NotFoundException;
import dev.imagegen.api.security.Account;
import dev.imagegen.api.task.TaskAccess;
import dev.imagegen.images.Thumbnails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /images/<task id>/<file>.png} (the URLs workers write into results) to whoever may
 * read the task, anyone else getting the same 404 as for a missing file; and uploaded tag header
 * images, {@code /images/tags/<file>}, to everyone signed in.
 */
@RestController
@Tag(name = "images", description = "Generated images and uploaded tag header images, as files")
@EnableConfigurationProperties(ImageProperties.class)
class ImageController {

    private final TaskAccess access;
    private final TagImages tagImages;
    private final TaskImageFiles files;

    ImageController(TaskAccess access, TagImages tagImages, TaskImageFiles files) {
        this.access = access;
        this.tagImages = tagImages;
        this.files = files;
    }

    @GetMapping("/images/{taskId}/{file}")
    @Operation(
            operationId = "getImage",
            summary = "A generated image, the URL a subtask's result names; 404 to whoever may not read the task",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The PNG; cached privately for 7 days, as a file never changes",
                            content =
                                    @Content(
                                            mediaType = "image/png",
                                            schema = @Schema(type = "string", format = "binary"))))
    ResponseEntity<Resource> image(
            @PathVariable UUID taskId,
            @Parameter(description = "The file's name in the task's folder", example = "s1-0.png") @PathVariable
                    String file,
            @AuthenticationPrincipal Account viewer) {
        Path image = stored(taskId, file, viewer).orElseThrow(() -> new NotFoundException("image " + file));
        return file(image, MediaType.IMAGE_PNG);
    }

    @GetMapping("/images/{taskId}/thumbnails/{file}")
    @Operation(
            operationId = "getThumbnail",
            summary =
                    "A generated image scaled to " + Thumbnails.SIZE + " px on its longer side, as JPEG (what the task"
                            + " page's grid shows); 404 where the image itself would answer 404",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The JPEG; cached privately for 7 days",
                            content =
                                    @Content(
                                            mediaType = "image/jpeg",
                                            schema = @Schema(type = "string", format = "binary"))))
    ResponseEntity<Resource> thumbnail(
            @PathVariable UUID taskId,
            @Parameter(description = "The image's file name in the task's folder", example = "s1-0.png") @PathVariable
                    String file,
            @AuthenticationPrincipal Account viewer) {
        Path thumbnail = stored(taskId, file, viewer)
                .flatMap(Thumbnails::of)
                .orElseThrow(() -> new NotFoundException("image " + file));
        return file(thumbnail, MediaType.IMAGE_JPEG);
    }

    /** The task's image file of that name, if the viewer may read the task (404 otherwise) and it exists. */
    private Optional<Path> stored(UUID taskId, String file, Account viewer) {
        access.readable(taskId, viewer);
        return files.named(taskId, file).filter(Files::isRegularFile);
    }

    @GetMapping("/images/tags/{file}")
    @Operation(
            operationId = "getTagImage",
            summary = "A tag's uploaded header image, the URL its header_img names",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The image, of the type its bytes were uploaded as; cached privately for"
                                    + " 7 days, as a new upload gets a new name",
                            content = {
                                @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                                @Content(
                                        mediaType = "image/jpeg",
                                        schema = @Schema(type = "string", format = "binary")),
                                @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary"))
                            }))
    ResponseEntity<Resource> tagImage(@PathVariable String file) {
        TagImages.Stored image = tagImages.find(file).orElseThrow(() -> new NotFoundException("image " + file));
        return file(image.path(), image.kind().mediaType());
    }

    // Images never change once written (a new upload gets a new name); private, as only people
    // signed in may read them.
    private static ResponseEntity<Resource> file(Path image, MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePrivate())
                .body(new FileSystemResource(image));
    }
}
