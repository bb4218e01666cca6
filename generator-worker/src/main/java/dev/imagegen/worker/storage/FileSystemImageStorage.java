package dev.imagegen.worker.storage;

import dev.imagegen.images.Thumbnails;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes images under a directory, atomically (temp file then move), so a reader never sees half a PNG, and the
 * thumbnail the task page's grid shows beside each ({@link Thumbnails}): made here from the pixels or bytes in hand,
 * the page's first view reads a ready file instead of waiting for the task API to decode the image.
 */
@Component
class FileSystemImageStorage implements ImageStorage {

    private static final Logger log = LoggerFactory.getLogger(FileSystemImageStorage.class);

    private final StorageProperties properties;

    FileSystemImageStorage(StorageProperties properties) {
        this.properties = properties;
    }

    @Override
    public String store(UUID taskId, UUID subtaskId, int index, byte[] png, BufferedImage pixels) {
        String name = subtaskId + "-" + index + ".png";
        Path directory = properties.directory().resolve(taskId.toString());
        Path image = directory.resolve(name);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, name, ".tmp");
            Files.write(temp, png);
            Files.move(temp, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store image " + name, e);
        }
        thumbnail(image, png, pixels);
        return properties.urlPrefix() + "/" + taskId + "/" + name;
    }

    /**
     * Written after the image, so it is never older than the image it shows. The image is kept either way: without a
     * thumbnail the task API makes one when the page first asks for it.
     */
    private static void thumbnail(Path image, byte[] png, BufferedImage pixels) {
        try {
            if (pixels != null) {
                Thumbnails.make(image, pixels);
            } else if (!Thumbnails.make(image, png)) {
                log.warn("no thumbnail for {}: the backend's bytes are no image this JVM reads", image);
            }
        } catch (RuntimeException e) {
            // A disk error, or a decoder's on bytes that only look like an image: the subtask has its image.
            log.warn("no thumbnail for {}: {}", image, e.toString());
        }
    }
}
