package dev.imagegen.apiclient;

import com.networknt.schema.InputFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** What in a real answer the document does not describe: an undocumented status, media type or body. */
final class ResponseMismatches {

    private final OpenApiDocument document;

    ResponseMismatches(OpenApiDocument document) {
        this.document = document;
    }

    List<String> of(String operation, Http.Answer answer) {
        List<String> mismatches = new ArrayList<>();
        Optional<JsonNode> response = document.response(operation, answer.status());
        if (response.isEmpty()) {
            mismatches.add("status %d is not documented (documented: %s)"
                    .formatted(answer.status(), document.documentedStatuses(operation)));
            return mismatches;
        }
        JsonNode content = response.get().path("content");
        if (answer.body().isEmpty() && !answer.mediaType().equals("text/event-stream")) {
            return mismatches;
        }
        Optional<Map.Entry<String, JsonNode>> declared = mediaType(content, answer.mediaType());
        if (declared.isEmpty()) {
            mismatches.add("status %d answers %s, not documented (documented: %s)"
                    .formatted(answer.status(), answer.mediaType(), content.propertyNames()));
            return mismatches;
        }
        JsonNode schema = declared.get().getValue().path("schema");
        if (isJson(answer.mediaType()) && !schema.isMissingNode()) {
            document.validator(schema).validate(answer.body(), InputFormat.JSON).stream()
                    .map(error -> "status %d body: %s".formatted(answer.status(), error.toString()))
                    // One line per property, not per array element.
                    .map(message -> message.replaceAll("/\\d+(?=[/:])", "/*"))
                    .distinct()
                    .forEach(mismatches::add);
        }
        return mismatches;
    }

    /** The documented media type an answer falls under: the same one, else type/*, else any. */
    private static Optional<Map.Entry<String, JsonNode>> mediaType(JsonNode content, String actual) {
        String wildcard = actual.split("/")[0] + "/*";
        for (String candidate : List.of(actual, wildcard, "*/*")) {
            if (content.has(candidate)) {
                return Optional.of(Map.entry(candidate, content.get(candidate)));
            }
        }
        return Optional.empty();
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }
}
