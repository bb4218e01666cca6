package dev.imagegen.api.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Where a task's generated images lie: {@code <images directory>/<task id>/<file>.png}, named by the last segment of
 * the URL a worker wrote into the subtask's result. A name that could leave the task's folder names no file.
 */
@Component
public class TaskImageFiles {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.png");

    private final Path directory;

    TaskImageFiles(ImageProperties properties) {
        this.directory = properties.directory().toAbsolutePath().normalize();
    }

    /** The file of that name in the task's folder, if the name is a plain image name; it may not exist. */
    public Optional<Path> named(UUID task, String file) {
        if (file == null || !FILE_NAME.matcher(file).matches()) {
            return Optional.empty();
        }
        Path image = directory.resolve(task.toString()).resolve(file).normalize();
        return image.startsWith(directory) ? Optional.of(image) : Optional.empty();
    }

    /** The stored file an image URL of the task names ({@code /images/<task id>/<file>}), if it exists. */
    public Optional<Path> ofUrl(UUID task, String url) {
        if (url == null) {
            return Optional.empty();
        }
        return named(task, fileName(url)).filter(Files::exists);
    }

    /** The last segment of an image URL: the file's name. */
    public static String fileName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
