package dev.imagegen.worker.storage;

import java.util.UUID;

/** Keeps one generated PNG and says under which URL it is served. */
public interface ImageStorage {

    /** Stores the image (replacing one stored under the same name) and returns its URL. */
    String store(UUID taskId, UUID subtaskId, int index, byte[] png);
}
