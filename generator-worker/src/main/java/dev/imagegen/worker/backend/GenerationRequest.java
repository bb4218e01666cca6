package dev.imagegen.worker.backend;

/** What one generation call asks for. */
public record GenerationRequest(
        String prompt, String negativePrompt, long seed, int width, int height, int batchSize) {}
