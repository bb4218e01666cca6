package dev.imagegen.worker.backend;

import java.util.List;

/** Returns no images at once; measures the claim path alone in benchmarks. */
final class NoOpBackend implements ImageBackend {

    @Override
    public List<GeneratedImage> generate(GenerationRequest request) {
        return List.of();
    }

    @Override
    public String model() {
        return "noop";
    }
}
