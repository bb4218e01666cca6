package dev.imagegen.api.submit;

import dev.imagegen.api.submit.TaskSubmission.Setting;
import dev.imagegen.api.submit.TaskSubmission.Variable;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Reads one of ratio, seed, batch_size and polish: {value, is_variable, variable_id}, or its default when absent. */
final class SettingReader {

    private static final Map<String, JsonNode> DEFAULTS = Map.of(
            "ratio", JsonNodeFactory.instance.stringNode("1:1"),
            "seed", JsonNodeFactory.instance.nullNode(),
            "batch_size", JsonNodeFactory.instance.numberNode(1),
            "polish", JsonNodeFactory.instance.booleanNode(false));

    private final SettingChecks settings;

    SettingReader(SettingChecks settings) {
        this.settings = settings;
    }

    Setting read(String setting, JsonNode node, List<Variable> variables, Problems problems) {
        String path = "$." + setting;
        if (node == null || node.isNull()) {
            return new Setting(DEFAULTS.get(setting), false, null);
        }
        if (!node.isObject()) {
            problems.add(path, "must be an object {value, is_variable, variable_id}");
            return new Setting(DEFAULTS.get(setting), false, null);
        }
        JsonNode isVariable = node.get("is_variable");
        if (isVariable != null && !isVariable.isNull() && !isVariable.isBoolean()) {
            problems.add(path + ".is_variable", "must be true or false");
        }
        if (isVariable != null && isVariable.isBoolean() && isVariable.booleanValue()) {
            JsonNode variableId = node.get("variable_id");
            String id = variableId != null && variableId.isString() ? variableId.stringValue() : null;
            Variable named = variables.stream()
                    .filter(v -> v.id().equals(id))
                    .findFirst()
                    .orElse(null);
            if (named == null) {
                problems.add(path + ".variable_id", "must name one of the task's variables");
            } else if (!named.type().equals(setting)) {
                problems.add(path + ".variable_id", "must name a variable of type " + setting);
            }
            return new Setting(JsonNodeFactory.instance.nullNode(), true, id);
        }
        JsonNode value = node.has("value") ? node.get("value") : DEFAULTS.get(setting);
        settings.check(setting, value, path + ".value", problems);
        return new Setting(value, false, null);
    }
}
