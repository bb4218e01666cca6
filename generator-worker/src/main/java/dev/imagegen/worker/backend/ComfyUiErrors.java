package dev.imagegen.worker.backend;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** ComfyUI's error shapes turned into one readable message. */
final class ComfyUiErrors {

    private ComfyUiErrors() {}

    /**
     * A refused {@code /prompt} (HTTP 400): {@code error.message} (or the bare string of older
     * builds), then each node error as "node 4 CheckpointLoaderSimple: Value not in list: …".
     */
    static String describe(JsonHttp http, JsonHttp.Answer answer) {
        JsonNode body;
        try {
            body = http.read(answer);
        } catch (BackendException notJson) {
            return JsonHttp.abbreviate(answer.text());
        }
        JsonNode error = body.path("error");
        List<String> parts = new ArrayList<>();
        parts.add(error.isString() ? error.stringValue() : error.path("message").asString("unknown error"));
        if (error.path("details").isString()
                && !error.path("details").stringValue().isBlank()) {
            parts.add(error.path("details").stringValue());
        }
        for (var node : body.path("node_errors").properties()) {
            for (JsonNode nodeError : node.getValue().path("errors")) {
                parts.add("node " + node.getKey() + " "
                        + node.getValue().path("class_type").asString("") + ": "
                        + nodeError.path("message").asString("") + ": "
                        + nodeError.path("details").asString(""));
            }
        }
        return JsonHttp.abbreviate(String.join("; ", parts));
    }

    /** An {@code execution_error} event's data: the failing node and the exception's message. */
    static BackendException executionError(JsonNode data) {
        return new BackendException(
                "ComfyUI failed in node " + data.path("node_id").asString("?") + " "
                        + data.path("node_type").asString("") + ": "
                        + data.path("exception_type").asString("")
                        + ": " + data.path("exception_message").asString(""),
                true,
                null);
    }
}
