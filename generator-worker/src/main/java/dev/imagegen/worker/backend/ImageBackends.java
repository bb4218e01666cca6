package dev.imagegen.worker.backend;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The configured backends, one per endpoint name, picked by a task's {@code make_api_queue}. */
@Component
public class ImageBackends {

    /** A backend with the negative prompt its endpoint sends. */
    public record Selected(ImageBackend backend, String negativePrompt) {}

    private final Map<String, Selected> byName = new HashMap<>();

    ImageBackends(BackendProperties properties, JsonMapper json) {
        properties.backends().forEach((name, endpoint) -> byName.put(name, create(endpoint, json)));
        byName.putIfAbsent("default", new Selected(new BuiltInRenderer(Duration.ofSeconds(1)), ""));
    }

    /** The backend for {@code makeApiQueue} (null, "ops" or "dev"). */
    public Selected forMakeApiQueue(String makeApiQueue) {
        return byName.getOrDefault(makeApiQueue == null ? "default" : makeApiQueue, byName.get("default"));
    }

    private static Selected create(BackendProperties.Endpoint endpoint, JsonMapper json) {
        ImageBackend backend = switch (endpoint.type()) {
            case "builtin" -> new BuiltInRenderer(endpoint.latency());
            case "noop" -> new NoOpBackend(endpoint.latency());
            case "a1111" ->
                new Automatic1111Backend(
                        endpoint.url(), modelOr(endpoint, "automatic1111"), new JsonHttp(json, endpoint.timeout()));
            case "openai" ->
                new OpenAiImagesBackend(
                        endpoint.url(),
                        modelOr(endpoint, "dall-e-3"),
                        endpoint.apiKey(),
                        new JsonHttp(json, endpoint.timeout()));
            default -> throw new IllegalArgumentException("unknown backend type " + endpoint.type());
        };
        return new Selected(backend, endpoint.negativePrompt());
    }

    private static String modelOr(BackendProperties.Endpoint endpoint, String fallback) {
        return endpoint.model() == null || endpoint.model().isBlank() ? fallback : endpoint.model();
    }
}
