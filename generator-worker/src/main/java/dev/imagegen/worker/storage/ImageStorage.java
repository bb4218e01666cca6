package dev.imagegen.worker.storage;

import java.awt.image.BufferedImage;
import java.util.UUID;

/** Keeps one generated PNG and says under which URL it is served. */
public interface ImageStorage {

    /**
     * Stores the image (replacing one stored under the same name) and returns its URL.
     *
     * @param pixels the image's pixels when the backend drew them in process, else null (the PNG is decoded where
     *     they are needed)
     */
    String store(UUID taskId, UUID subtaskId, int index, byte[] png, BufferedImage pixels);
}
