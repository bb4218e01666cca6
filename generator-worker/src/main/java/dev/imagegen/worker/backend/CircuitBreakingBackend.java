package dev.imagegen.worker.backend;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A backend behind its endpoint's {@link CircuitBreaker}. */
final class CircuitBreakingBackend implements ImageBackend {

    private final ImageBackend backend;
    private final CircuitBreaker circuit;
    private final Duration maxWait;

    CircuitBreakingBackend(ImageBackend backend, CircuitBreaker circuit, Duration maxWait) {
        this.backend = backend;
        this.circuit = circuit;
        this.maxWait = maxWait;
    }

    @Override
    public List<GeneratedImage> generate(GenerationRequest request) throws InterruptedException {
        circuit.awaitPermission(maxWait);
        try {
            List<GeneratedImage> images = backend.generate(request);
            circuit.succeeded();
            return images;
        } catch (EndpointDownException e) {
            circuit.failed(e.getMessage());
            throw e;
        } catch (BackendException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                circuit.abandoned();
            } else {
                circuit.succeeded();
            }
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            circuit.abandoned();
            throw e;
        }
    }

    CircuitBreaker circuit() {
        return circuit;
    }

    @Override
    public String model() {
        return backend.model();
    }

    @Override
    public String type() {
        return backend.type();
    }

    @Override
    public Set<String> supportedParameters() {
        return backend.supportedParameters();
    }
}
