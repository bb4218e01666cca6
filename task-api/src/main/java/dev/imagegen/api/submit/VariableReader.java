package dev.imagegen.api.submit;

import dev.imagegen.api.submit.TaskSubmission.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Reads and checks a task's variables v0..v5, answering them in index order (v0 first). */
final class VariableReader {

    private static final Pattern VARIABLE_ID = Pattern.compile("v(\\d)");

    private final SubmitLimits limits;
    private final TagChecks tags;
    private final SettingChecks settings;

    VariableReader(SubmitLimits limits) {
        this.limits = limits;
        this.tags = new TagChecks(limits);
        this.settings = new SettingChecks(limits);
    }

    List<Variable> read(JsonNode node, Problems problems) {
        if (!node.isObject()) {
            problems.add("$.variables", "must be an object of v0..v" + (limits.maxVariables() - 1));
            return List.of();
        }
        TreeMap<Integer, Variable> byIndex = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = "$.variables." + entry.getKey();
            Matcher id = VARIABLE_ID.matcher(entry.getKey());
            if (!id.matches() || Integer.parseInt(id.group(1)) >= limits.maxVariables()) {
                problems.add(path, "is not a variable name; use v0..v" + (limits.maxVariables() - 1));
                continue;
            }
            Variable variable = readVariable(entry.getKey(), entry.getValue(), path, problems);
            if (variable != null) {
                byIndex.put(Integer.parseInt(id.group(1)), variable);
            }
        }
        return List.copyOf(byIndex.values());
    }

    private Variable readVariable(String id, JsonNode node, String path, Problems problems) {
        if (!node.isObject()) {
            problems.add(path, "must be an object with type and values");
            return null;
        }
        JsonNode typeNode = node.get("type");
        String type = typeNode != null && typeNode.isString() ? typeNode.stringValue() : null;
        // List.of(..).contains(null) throws: a missing or non-string type is checked first.
        boolean tagType = type != null && TaskSubmission.TAG_TYPES.contains(type);
        boolean parameterType = ParameterChecks.isParameter(type);
        if (!tagType && !parameterType && (type == null || !TaskSubmission.SETTING_TYPES.contains(type))) {
            problems.add(
                    path + ".type",
                    "must be one of " + TaskSubmission.TAG_TYPES + ", " + TaskSubmission.SETTING_TYPES
                            + " or a parameter " + ParameterChecks.NAMES);
        }
        JsonNode values = node.get("values");
        if (values == null || !values.isArray() || values.isEmpty()) {
            problems.add(path + ".values", "must be a non-empty array");
            return null;
        }
        if (values.size() > limits.maxValuesPerVariable()) {
            problems.add(path + ".values", "must hold at most " + limits.maxValuesPerVariable() + " values");
        }
        List<JsonNode> read = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            String valuePath = path + ".values[" + i + "]";
            if (tagType) {
                tags.check(value, valuePath, type, problems);
                read.add(value);
            } else if (parameterType) {
                JsonNode plain = value.isObject() ? value.get("value") : value;
                ParameterChecks.check(type, plain, value.isObject() ? valuePath + ".value" : valuePath, problems);
                read.add(plain == null ? JsonNodeFactory.instance.nullNode() : plain);
            } else if (type != null && TaskSubmission.SETTING_TYPES.contains(type)) {
                JsonNode plain = value.isObject() ? value.get("value") : value;
                settings.check(type, plain, value.isObject() ? valuePath + ".value" : valuePath, problems);
                read.add(plain == null ? JsonNodeFactory.instance.nullNode() : plain);
            } else {
                read.add(value);
            }
        }
        return new Variable(id, type == null ? "" : type, read);
    }
}
