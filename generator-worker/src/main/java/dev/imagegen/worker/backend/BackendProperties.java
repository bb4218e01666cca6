package dev.imagegen.worker.backend;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The backend endpoints ({@code imagegen.worker.backends.<name>.*}), chosen by a task's
 * {@code make_api_queue}: {@code default} (for null), {@code ops}, {@code dev}. A name without an
 * entry uses {@code default}; without any entry, {@code default} is the built-in renderer.
 */
@ConfigurationProperties("imagegen.worker")
public record BackendProperties(Map<String, Endpoint> backends) {

    public BackendProperties {
        backends = backends == null ? Map.of() : Map.copyOf(backends);
    }

    /**
     * One endpoint.
     *
     * @param type builtin (default), a1111, openai, or noop (waits latency, no images; for measurements)
     * @param url base URL of an HTTP backend
     * @param model model name sent to OpenAI and recorded in results (default: the backend's own)
     * @param apiKey bearer token for OpenAI-compatible APIs (default none)
     * @param timeout HTTP request time-out (default 120s)
     * @param latency simulated generation time of builtin and noop (default 1s)
     * @param negativePrompt sent to txt2img (default empty)
     */
    public record Endpoint(
            @DefaultValue("builtin") String type,
            URI url,
            String model,
            String apiKey,
            @DefaultValue("120s") Duration timeout,
            @DefaultValue("1s") Duration latency,
            @DefaultValue("") String negativePrompt) {}
}
