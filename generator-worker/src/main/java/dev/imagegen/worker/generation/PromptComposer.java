package dev.imagegen.worker.generation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Composes prompt text from a subtask's weighted tags in AUTOMATIC1111 syntax: tags joined by
 * ", ", a tag whose weight is not 1 written {@code (text:1.2)}.
 */
final class PromptComposer {

    private PromptComposer() {}

    static String compose(JsonMapper json, String promptsJson) {
        JsonNode tags = json.readTree(promptsJson);
        List<String> parts = new ArrayList<>();
        for (JsonNode tag : tags) {
            String text = tag.path("value").asString("").strip();
            if (text.isEmpty()) {
                continue;
            }
            BigDecimal weight =
                    tag.path("weight").isNumber() ? tag.path("weight").decimalValue() : BigDecimal.ONE;
            parts.add(
                    weight.compareTo(BigDecimal.ONE) == 0
                            ? text
                            : "(" + text + ":" + weight.stripTrailingZeros().toPlainString() + ")");
        }
        return String.join(", ", parts);
    }
}
