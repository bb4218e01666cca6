package dev.imagegen.worker.backend;

import static dev.imagegen.worker.backend.GenerationParameters.BACKGROUND;
import static dev.imagegen.worker.backend.GenerationParameters.MODERATION;
import static dev.imagegen.worker.backend.GenerationParameters.QUALITY;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's {@code POST /v1/images/generations}, by model (see {@link OpenAiModels}): {@code model}
 * always sent, the size the model takes, base64 answers. The API takes no seed; the subtask's seed
 * is recorded on each image for reference. Errors carry OpenAI's code and message.
 */
final class OpenAiImagesBackend implements ImageBackend {

    private static final int MAX_N = 10;

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final JsonHttp http;
    private final InProcessRetries retries;

    OpenAiImagesBackend(URI baseUrl, String model, String apiKey, JsonHttp http, InProcessRetries retries) {
        this.endpoint = baseUrl.resolve("/v1/images/generations");
        this.model = model;
        this.apiKey = apiKey;
        this.http = http;
        this.retries = retries;
    }

    @Override
    public List<GeneratedImage> generate(GenerationRequest request) throws InterruptedException {
        if (request.batchSize() > MAX_N) {
            throw new BackendException("OpenAI generates at most " + MAX_N + " images per call", false, null);
        }
        int[] size = OpenAiModels.sizeFor(model, request.ratio(), request.width(), request.height());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("prompt", request.prompt());
        body.put("n", request.batchSize());
        body.put("size", size[0] + "x" + size[1]);
        if (OpenAiModels.isGptImage(model)) {
            body.put("output_format", "png");
            GenerationParameters parameters = request.parameters();
            for (String name : List.of(QUALITY, BACKGROUND, MODERATION)) {
                if (parameters.has(name)) {
                    body.put(name, parameters.text(name));
                }
            }
        } else {
            body.put("response_format", "b64_json");
        }
        Map<String, String> headers =
                apiKey == null || apiKey.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
        JsonNode data = retries.run(() -> call(body, headers)).path("data");
        if (!data.isArray() || data.isEmpty()) {
            throw new BackendException("images/generations answered without data", true, null);
        }
        List<GeneratedImage> result = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            byte[] png =
                    Automatic1111Backend.decode(data.get(i).path("b64_json").asString(""));
            int[] actual = PngSize.of(png);
            result.add(new GeneratedImage(png, actual[0], actual[1], request.seed() + i));
        }
        return result;
    }

    private JsonNode call(Map<String, Object> body, Map<String, String> headers) throws InterruptedException {
        JsonHttp.Answer answer = http.send(endpoint, body, headers);
        if (answer.ok()) {
            return http.read(answer);
        }
        throw HttpFailures.of(answer, describe(answer));
    }

    /** "OpenAI answered HTTP 400 moderation_blocked: Your request was rejected …" */
    private String describe(JsonHttp.Answer answer) {
        String code = "";
        String message = JsonHttp.abbreviate(answer.text());
        try {
            JsonNode error = http.read(answer).path("error");
            if (error.isObject()) {
                code = error.path("code").asString(error.path("type").asString(""));
                message = error.path("message").asString(message);
            }
        } catch (BackendException notJson) {
            // the raw body stays the message
        }
        return "OpenAI answered HTTP " + answer.status() + (code.isEmpty() ? "" : " " + code) + ": " + message;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String type() {
        return "openai";
    }

    @Override
    public Set<String> supportedParameters() {
        return OpenAiModels.isGptImage(model) ? Set.of(QUALITY, BACKGROUND, MODERATION) : Set.of();
    }
}
