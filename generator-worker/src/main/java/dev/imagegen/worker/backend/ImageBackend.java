package dev.imagegen.worker.backend;

import java.util.List;
import java.util.Set;

/** Generates the images of one subtask. */
public interface ImageBackend {

    /** {@code batchSize} images; throws {@link BackendException} on failure. */
    List<GeneratedImage> generate(GenerationRequest request) throws InterruptedException;

    /** The model name recorded in the result's metadata. */
    String model();

    /** The backend's type as configured: builtin, noop, a1111, comfyui or openai. */
    String type();

    /** The {@link GenerationParameters} names this backend sends; the API refuses the others. */
    Set<String> supportedParameters();
}
