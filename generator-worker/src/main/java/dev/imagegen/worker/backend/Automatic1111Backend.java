package dev.imagegen.worker.backend;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** An AUTOMATIC1111-compatible {@code POST /sdapi/v1/txt2img}; image i has seed + i, as A1111 numbers them. */
final class Automatic1111Backend implements ImageBackend {

    private final URI endpoint;
    private final String model;
    private final JsonHttp http;

    Automatic1111Backend(URI baseUrl, String model, JsonHttp http) {
        this.endpoint = baseUrl.resolve("/sdapi/v1/txt2img");
        this.model = model;
        this.http = http;
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
        JsonNode images = http.post(endpoint, body, Map.of()).path("images");
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

    static byte[] decode(String base64) {
        String data = base64.startsWith("data:") ? base64.substring(base64.indexOf(',') + 1) : base64;
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new BackendException("backend image is not base64", true, e);
        }
    }
}
