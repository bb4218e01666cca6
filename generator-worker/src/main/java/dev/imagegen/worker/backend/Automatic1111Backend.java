package dev.imagegen.worker.backend;

import static dev.imagegen.worker.backend.GenerationParameters.CFG_SCALE;
import static dev.imagegen.worker.backend.GenerationParameters.CHECKPOINT;
import static dev.imagegen.worker.backend.GenerationParameters.DENOISING_STRENGTH;
import static dev.imagegen.worker.backend.GenerationParameters.ENABLE_HR;
import static dev.imagegen.worker.backend.GenerationParameters.HR_SCALE;
import static dev.imagegen.worker.backend.GenerationParameters.HR_SECOND_PASS_STEPS;
import static dev.imagegen.worker.backend.GenerationParameters.HR_UPSCALER;
import static dev.imagegen.worker.backend.GenerationParameters.NEGATIVE_PROMPT;
import static dev.imagegen.worker.backend.GenerationParameters.SAMPLER;
import static dev.imagegen.worker.backend.GenerationParameters.SCHEDULER;
import static dev.imagegen.worker.backend.GenerationParameters.STEPS;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * An AUTOMATIC1111-compatible {@code POST /sdapi/v1/txt2img}; image i has seed + i, as A1111 numbers
 * them. The task's parameters become txt2img fields; the checkpoint goes through
 * {@code override_settings}, restored afterwards.
 */
final class Automatic1111Backend implements ImageBackend {

    /** Task parameter → txt2img field, for the ones sent as they are. */
    private static final Map<String, String> FIELDS = Map.of(
            STEPS, "steps",
            CFG_SCALE, "cfg_scale",
            SAMPLER, "sampler_name",
            SCHEDULER, "scheduler",
            DENOISING_STRENGTH, "denoising_strength",
            ENABLE_HR, "enable_hr",
            HR_SCALE, "hr_scale",
            HR_UPSCALER, "hr_upscaler",
            HR_SECOND_PASS_STEPS, "hr_second_pass_steps");

    private final URI endpoint;
    private final String model;
    private final JsonHttp http;
    private final String authorization;

    Automatic1111Backend(URI baseUrl, String model, JsonHttp http) {
        this(baseUrl, model, http, null);
    }

    /** {@code credentials} "user:password" for a webui started with {@code --api-auth}, or null. */
    Automatic1111Backend(URI baseUrl, String model, JsonHttp http, String credentials) {
        this.endpoint = baseUrl.resolve("/sdapi/v1/txt2img");
        this.model = model;
        this.http = http;
        this.authorization = credentials == null || credentials.isBlank()
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public List<GeneratedImage> generate(GenerationRequest request) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", request.prompt());
        body.put("negative_prompt", request.negativePrompt());
        body.put("seed", request.seed());
        body.put("width", request.width());
        body.put("height", request.height());
        body.put("batch_size", request.batchSize());
        GenerationParameters parameters = request.parameters();
        FIELDS.forEach((parameter, field) -> {
            if (parameters.has(parameter)) {
                body.put(field, parameters.values().get(parameter));
            }
        });
        if (parameters.has(CHECKPOINT)) {
            body.put("override_settings", Map.of("sd_model_checkpoint", parameters.text(CHECKPOINT)));
            body.put("override_settings_restore_afterwards", true);
        }
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        JsonNode images = http.post(endpoint, body, headers).path("images");
        if (!images.isArray() || images.isEmpty()) {
            throw new BackendException("txt2img answered without images", true, null);
        }
        List<GeneratedImage> result = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            byte[] png = decode(images.get(i).asString());
            int[] size = PngSize.of(png);
            result.add(new GeneratedImage(png, size[0], size[1], request.seed() + i));
        }
        return result;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String type() {
        return "a1111";
    }

    @Override
    public Set<String> supportedParameters() {
        Set<String> supported = new java.util.HashSet<>(FIELDS.keySet());
        supported.add(NEGATIVE_PROMPT);
        supported.add(CHECKPOINT);
        return Set.copyOf(supported);
    }

    static byte[] decode(String base64) {
        String data = base64.startsWith("data:") ? base64.substring(base64.indexOf(',') + 1) : base64;
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new BackendException("backend image is not base64", true, e);
        }
    }
}
