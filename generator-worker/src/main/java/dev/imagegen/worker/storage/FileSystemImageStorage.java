package dev.imagegen.worker.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Writes images under a directory, atomically (temp file then move), so a reader never sees half a PNG. */
@Component
class FileSystemImageStorage implements ImageStorage {

    private final StorageProperties properties;

    FileSystemImageStorage(StorageProperties properties) {
        this.properties = properties;
    }

    @Override
    public String store(UUID taskId, UUID subtaskId, int index, byte[] png) {
        String name = subtaskId + "-" + index + ".png";
        Path directory = properties.directory().resolve(taskId.toString());
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, name, ".tmp");
            Files.write(temp, png);
            Files.move(
                    temp, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store image " + name, e);
        }
        return properties.urlPrefix() + "/" + taskId + "/" + name;
    }
}
