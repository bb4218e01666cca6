package dev.imagegen.worker.backend;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configured backends, one per endpoint name, picked by a task's {@code make_api_queue}. HTTP
 * backends sit behind their endpoint's circuit breaker, shown as the gauge
 * {@code imagegen.worker.backend.circuit.open{endpoint}} (1 while open).
 */
@Component
public class ImageBackends {

    /** A backend with its endpoint name and the negative prompt it sends when the task sets none. */
    public record Selected(String endpoint, ImageBackend backend, String negativePrompt) {}

    private final Map<String, Selected> byName = new HashMap<>();

    ImageBackends(BackendProperties properties, JsonMapper json, MeterRegistry meters) {
        properties.backends().forEach((name, endpoint) -> byName.put(name, create(name, endpoint, json, meters)));
        byName.putIfAbsent("default", new Selected("default", new BuiltInRenderer(Duration.ofSeconds(1)), ""));
    }

    /** The backend for {@code makeApiQueue} (null, "ops" or "dev"). */
    public Selected forMakeApiQueue(String makeApiQueue) {
        return byName.getOrDefault(makeApiQueue == null ? "default" : makeApiQueue, byName.get("default"));
    }

    /** Every configured endpoint by name. */
    public Map<String, Selected> all() {
        return Map.copyOf(byName);
    }

    private static Selected create(
            String name, BackendProperties.Endpoint endpoint, JsonMapper json, MeterRegistry meters) {
        ImageBackend backend = switch (endpoint.type()) {
            case "builtin" -> new BuiltInRenderer(endpoint.latency());
            case "noop" -> new NoOpBackend(endpoint.latency());
            case "a1111" ->
                new Automatic1111Backend(
                        url(name, endpoint),
                        modelOr(endpoint, "automatic1111"),
                        new JsonHttp(json, endpoint.timeout()),
                        endpoint.apiKey());
            case "comfyui" ->
                new ComfyUiBackend(
                        url(name, endpoint),
                        modelOr(endpoint, "v1-5-pruned-emaonly.safetensors"),
                        ComfyUiWorkflow.load(endpoint.workflow(), json),
                        new JsonHttp(json, endpoint.timeout()),
                        endpoint.pollInterval(),
                        endpoint.timeout());
            case "openai" -> {
                String model = modelOr(endpoint, "gpt-image-1");
                OpenAiModels.refuseRetired(model, name);
                yield new OpenAiImagesBackend(
                        url(name, endpoint),
                        model,
                        endpoint.apiKey(),
                        new JsonHttp(json, endpoint.timeout()),
                        new InProcessRetries(
                                endpoint.retries() == null ? 2 : endpoint.retries(),
                                Duration.ofMillis(500),
                                endpoint.maxRetryWait()));
            }
            default ->
                throw new IllegalArgumentException("imagegen.worker.backends." + name + ".type: unknown backend type "
                        + endpoint.type() + "; use builtin, a1111, comfyui, openai or noop");
        };
        if (backend instanceof OpenAiImagesBackend
                || backend instanceof Automatic1111Backend
                || backend instanceof ComfyUiBackend) {
            CircuitBreaker circuit =
                    new CircuitBreaker(endpoint.circuitFailures(), endpoint.circuitOpen(), System::nanoTime);
            Gauge.builder("imagegen.worker.backend.circuit.open", circuit, c -> c.isOpen() ? 1 : 0)
                    .description("1 while the endpoint's circuit is open after failures in a row")
                    .tag("endpoint", name)
                    .register(meters);
            backend = new CircuitBreakingBackend(
                    backend, circuit, endpoint.circuitOpen().multipliedBy(2));
        }
        return new Selected(name, backend, endpoint.negativePrompt());
    }

    private static java.net.URI url(String name, BackendProperties.Endpoint endpoint) {
        if (endpoint.url() == null) {
            throw new IllegalArgumentException(
                    "imagegen.worker.backends." + name + ".url is required for a " + endpoint.type() + " backend");
        }
        return endpoint.url();
    }

    private static String modelOr(BackendProperties.Endpoint endpoint, String fallback) {
        return endpoint.model() == null || endpoint.model().isBlank() ? fallback : endpoint.model();
    }
}
