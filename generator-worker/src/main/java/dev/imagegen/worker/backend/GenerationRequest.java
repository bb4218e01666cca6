package dev.imagegen.worker.backend;

/**
 * What one generation call asks for. {@code width} and {@code height} are the ratio's pixel size;
 * {@code ratio} (such as "16:9") lets a backend that takes free sizes honour it exactly.
 */
public record GenerationRequest(
        String prompt,
        String negativePrompt,
        long seed,
        int width,
        int height,
        int batchSize,
        String ratio,
        GenerationParameters parameters) {

    public GenerationRequest {
        parameters = parameters == null ? GenerationParameters.NONE : parameters;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
    }

    public GenerationRequest(String prompt, String negativePrompt, long seed, int width, int height, int batchSize) {
        this(prompt, negativePrompt, seed, width, height, batchSize, null, GenerationParameters.NONE);
    }
}
