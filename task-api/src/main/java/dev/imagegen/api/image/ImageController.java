package dev.imagegen.api.image;

import dev.imagegen.api.problem.NotFoundException;
import dev.imagegen.api.security.Account;
import dev.imagegen.api.task.TaskAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
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
 * read the task; anyone else gets the same 404 as for a missing file.
 */
@RestController
@EnableConfigurationProperties(ImageProperties.class)
class ImageController {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.png");

    private final TaskAccess access;
    private final Path directory;

    ImageController(TaskAccess access, ImageProperties properties) {
        this.access = access;
        this.directory = properties.directory().toAbsolutePath().normalize();
    }

    @GetMapping("/images/{taskId}/{file}")
    ResponseEntity<Resource> image(
            @PathVariable UUID taskId, @PathVariable String file, @AuthenticationPrincipal Account viewer) {
        access.readable(taskId, viewer);
        if (!FILE_NAME.matcher(file).matches()) {
            throw new NotFoundException("image " + file);
        }
        Path image = directory.resolve(taskId.toString()).resolve(file).normalize();
        if (!image.startsWith(directory) || !Files.isRegularFile(image)) {
            throw new NotFoundException("image " + file);
        }
        // Images never change once written; private, because they belong to one person's task.
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePrivate())
                .body(new FileSystemResource(image));
    }
}
