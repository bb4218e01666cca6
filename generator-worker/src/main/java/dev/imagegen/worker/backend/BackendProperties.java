package dev.imagegen.worker.backend;

import java.net.URI;
import java.nio.file.Path;
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
     * @param type builtin (default), a1111, comfyui, openai, or noop (waits latency, no images; for measurements)
     * @param url base URL of an HTTP backend, such as {@code http://127.0.0.1:8188} for ComfyUI
     * @param model recorded in results; for openai the model sent (default gpt-image-1; dall-e-2, dall-e-3
     *     and deprecated models are refused at start), for comfyui the default checkpoint (default
     *     v1-5-pruned-emaonly.safetensors)
     * @param apiKey bearer token for OpenAI; "user:password" for an A1111 started with --api-auth (default none)
     * @param timeout HTTP request time-out; for comfyui also the longest wait for a prompt to finish (default 120s)
     * @param latency simulated generation time of builtin and noop (default 1s)
     * @param negativePrompt sent to txt2img and ComfyUI when the task sets none (default empty)
     * @param workflow a ComfyUI API-format workflow file with placeholders (default: the built-in txt2img graph)
     * @param pollInterval how often ComfyUI's /history is polled when its websocket is unavailable (default 500ms)
     * @param retries openai: in-place retries of a 408/409/429/5xx answer, after its retry-after-ms or
     *     retry-after (default 2); the other backends leave every retry to the queue
     * @param maxRetryWait openai: a retry-after longer than this is left to the queue's retries (default 60s)
     * @param circuitFailures endpoint failures in a row (connection refused, 5xx) that open its circuit (default 5)
     * @param circuitOpen how long an open circuit holds calls back before one probe goes (default 30s)
     */
    public record Endpoint(
            @DefaultValue("builtin") String type,
            URI url,
            String model,
            String apiKey,
            @DefaultValue("120s") Duration timeout,
            @DefaultValue("1s") Duration latency,
            @DefaultValue("") String negativePrompt,
            Path workflow,
            @DefaultValue("500ms") Duration pollInterval,
            Integer retries,
            @DefaultValue("60s") Duration maxRetryWait,
            @DefaultValue("5") int circuitFailures,
            @DefaultValue("30s") Duration circuitOpen) {}
}
