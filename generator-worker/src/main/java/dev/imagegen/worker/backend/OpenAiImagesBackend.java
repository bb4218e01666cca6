package dev.imagegen.worker.backend;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI-compatible {@code POST /v1/images/generations} with {@code response_format: b64_json}.
 * The API takes no seed; the subtask's seed is recorded on each image for reference.
 */
final class OpenAiImagesBackend implements ImageBackend {

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final JsonHttp http;

    OpenAiImagesBackend(URI baseUrl, String model, String apiKey, JsonHttp http) {
        this.endpoint = baseUrl.resolve("/v1/images/generations");
        this.model = model;
        this.apiKey = apiKey;
        this.http = http;
    }

    @Override
    public List<GeneratedImage> generate(GenerationRequest request) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("prompt", request.prompt());
        body.put("n", request.batchSize());
        body.put("size", request.width() + "x" + request.height());
        body.put("response_format", "b64_json");
        Map<String, String> headers =
                apiKey == null || apiKey.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
        JsonNode data = http.post(endpoint, body, headers).path("data");
        if (!data.isArray() || data.isEmpty()) {
            throw new BackendException("images/generations answered without data", true, null);
        }
        List<GeneratedImage> result = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            byte[] png =
                    Automatic1111Backend.decode(data.get(i).path("b64_json").asString());
            int[] size = PngSize.of(png);
            result.add(new GeneratedImage(png, size[0], size[1], request.seed() + i));
        }
        return result;
    }

    @Override
    public String model() {
        return model;
    }
}
