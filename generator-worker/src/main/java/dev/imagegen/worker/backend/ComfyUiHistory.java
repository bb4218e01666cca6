package dev.imagegen.worker.backend;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads a finished prompt from {@code /history/{id}} and fetches its output images through {@code /view}. */
final class ComfyUiHistory {

    private final URI baseUrl;
    private final JsonHttp http;

    ComfyUiHistory(URI baseUrl, JsonHttp http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    /** Whether the prompt is in the history (it is written when the prompt ends); throws if it failed. */
    boolean finished(String promptId) throws InterruptedException {
        return finishedEntry(promptId) != null;
    }

    private JsonNode finishedEntry(String promptId) throws InterruptedException {
        JsonNode entry = entry(promptId);
        if (entry == null) {
            return null;
        }
        JsonNode status = entry.path("status");
        if ("error".equals(status.path("status_str").asString(""))) {
            for (JsonNode message : status.path("messages")) {
                if ("execution_error".equals(message.path(0).asString(""))) {
                    throw ComfyUiErrors.executionError(message.path(1));
                }
            }
            throw new BackendException("ComfyUI prompt " + promptId + " ended with an error", true, null);
        }
        return entry;
    }

    /** The prompt's saved images ({@code type: output}), in node order; each carries the request's seed. */
    List<GeneratedImage> images(String promptId, long seed) throws InterruptedException {
        JsonNode entry = finishedEntry(promptId);
        if (entry == null) {
            throw new BackendException("ComfyUI has no history for prompt " + promptId, true, null);
        }
        List<GeneratedImage> images = new ArrayList<>();
        for (var node : entry.path("outputs").properties()) {
            for (JsonNode image : node.getValue().path("images")) {
                if (!"output".equals(image.path("type").asString("output"))) {
                    continue;
                }
                byte[] png = view(image);
                int[] size = PngSize.of(png);
                images.add(new GeneratedImage(png, size[0], size[1], seed));
            }
        }
        if (images.isEmpty()) {
            throw new BackendException(
                    "ComfyUI prompt " + promptId + " saved no images (no SaveImage node?)", false, null);
        }
        return images;
    }

    private JsonNode entry(String promptId) throws InterruptedException {
        JsonNode history = http.get(baseUrl.resolve("/history/" + encode(promptId)));
        JsonNode entry = history.path(promptId);
        return entry.isObject() ? entry : null;
    }

    private byte[] view(JsonNode image) throws InterruptedException {
        URI uri = baseUrl.resolve(
                "/view?filename=" + encode(image.path("filename").asString(""))
                        + "&subfolder=" + encode(image.path("subfolder").asString(""))
                        + "&type=" + encode(image.path("type").asString("output")));
        JsonHttp.Answer answer = http.send(uri, null, Map.of());
        if (!answer.ok()) {
            throw HttpFailures.of(answer, "ComfyUI /view answered HTTP " + answer.status() + " for " + image);
        }
        return answer.body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
