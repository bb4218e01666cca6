package dev.imagegen.worker.backend;

import java.time.Duration;
import java.util.List;

/** Waits {@code latency} and returns no images: measures the claim path alone in benchmarks. */
final class NoOpBackend implements ImageBackend {

    private final Duration latency;

    NoOpBackend(Duration latency) {
        this.latency = latency;
    }

    @Override
    public List<GeneratedImage> generate(GenerationRequest request) throws InterruptedException {
        if (latency.isPositive()) {
            Thread.sleep(latency);
        }
        return List.of();
    }

    @Override
    public String model() {
        return "noop";
    }

    @Override
    public String type() {
        return "noop";
    }

    /** Every parameter: they change nothing here, but the result and the PNG record them. */
    @Override
    public java.util.Set<String> supportedParameters() {
        return java.util.Set.copyOf(GenerationParameters.ALL);
    }
}
