package dev.imagegen.api.submit;

import dev.imagegen.api.submit.TaskSubmission.Setting;
import dev.imagegen.api.submit.TaskSubmission.Variable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reads a task's {@code parameters} object: each known parameter is a plain value, an object
 * {@code {"value": …}}, or {@code {"is_variable": true, "variable_id": "v1"}} naming a variable of
 * the parameter's own type (an XY grid over steps or cfg_scale); null leaves it unset.
 */
final class ParameterReader {

    private ParameterReader() {}

    static Map<String, Setting> read(JsonNode node, List<Variable> variables, Problems problems) {
        Map<String, Setting> parameters = new TreeMap<>();
        if (node == null || node.isNull()) {
            return parameters;
        }
        if (!node.isObject()) {
            problems.add("$.parameters", "must be an object of parameters; known: " + ParameterChecks.NAMES);
            return parameters;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            String path = "$.parameters." + name;
            JsonNode value = entry.getValue();
            if (!ParameterChecks.isParameter(name)) {
                problems.add(path, "is not a known parameter; known: " + ParameterChecks.NAMES);
            } else if (value.isObject()
                    && value.path("is_variable").isBoolean()
                    && value.path("is_variable").booleanValue()) {
                String id = value.path("variable_id").isString()
                        ? value.path("variable_id").stringValue()
                        : null;
                Variable named = variables.stream()
                        .filter(v -> v.id().equals(id))
                        .findFirst()
                        .orElse(null);
                if (named == null) {
                    problems.add(path + ".variable_id", "must name one of the task's variables");
                } else if (!named.type().equals(name)) {
                    problems.add(path + ".variable_id", "must name a variable of type " + name);
                }
                parameters.put(name, new Setting(null, true, id));
            } else {
                JsonNode plain = value.isObject() ? value.get("value") : value;
                if (plain != null && !plain.isNull()) {
                    ParameterChecks.check(name, plain, value.isObject() ? path + ".value" : path, problems);
                    parameters.put(name, new Setting(plain, false, null));
                }
            }
        }
        return parameters;
    }
}
