package dev.imagegen.api.submit;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task as submitted, already checked: fixed tags, the four settings, the variables in index
 * order (v0 first) and the generation parameters by name. {@code prompts} and {@code variables}
 * are the JSON stored on the task.
 */
record TaskSubmission(
        String name,
        int priority,
        String makeApiQueue,
        JsonNode prompts,
        Setting ratio,
        Setting seed,
        Setting batchSize,
        Setting polish,
        JsonNode variablesJson,
        List<Variable> variables,
        Map<String, Setting> parameters) {

    static final List<String> TAG_TYPES = List.of("prompt", "character", "element", "lumina");
    static final List<String> SETTING_TYPES = List.of("ratio", "seed", "batch_size", "polish");

    /** A setting: a fixed value, or the values of the variable it names. */
    record Setting(JsonNode value, boolean isVariable, String variableId) {}

    /** One variable: its id (v0..v5), its type, and its values (tags, or plain setting values). */
    record Variable(String id, String type, List<JsonNode> values) {

        boolean isTag() {
            return type != null && TAG_TYPES.contains(type);
        }
    }

    /** {@code tasks.parameters}: a fixed parameter as its value, a variable one as {is_variable, variable_id}. */
    JsonNode parametersJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        parameters.forEach((name, setting) -> {
            if (setting.isVariable()) {
                json.putObject(name).put("is_variable", true).put("variable_id", setting.variableId());
            } else {
                json.set(name, setting.value());
            }
        });
        return json;
    }

    boolean hasLuminaTag() {
        for (JsonNode tag : prompts) {
            if ("lumina".equals(tag.path("type").asString(""))) {
                return true;
            }
        }
        return variables.stream().anyMatch(v -> v.type().equals("lumina"));
    }

    /** The number of subtasks: the product of the variables' value counts (1 without variables). */
    long combinations() {
        long product = 1;
        for (Variable variable : variables) {
            product = Math.multiplyExact(product, variable.values().size());
        }
        return product;
    }
}
