package dev.imagegen.worker.backend;

import java.util.List;

/** Generates the images of one subtask. */
public interface ImageBackend {

    /** {@code batchSize} images; throws {@link BackendException} on failure. */
    List<GeneratedImage> generate(GenerationRequest request) throws InterruptedException;

    /** The model name recorded in the result's metadata. */
    String model();
}
