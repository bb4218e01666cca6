package dev.imagegen.api.submit;

import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.problem.StorableText;
import dev.imagegen.api.submit.TaskSubmission.Setting;
import dev.imagegen.api.submit.TaskSubmission.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a submitted task body and checks all of it, so that one refusal lists every bad field
 * (with its JSON path) and a product over the limit names the computed count.
 */
@Component
class SubmissionReader {

    private static final Set<String> FIELDS = Set.of(
            "name",
            "priority",
            "make_api_queue",
            "prompts",
            "ratio",
            "seed",
            "batch_size",
            "polish",
            "variables",
            "parameters");

    private final SubmitLimits limits;
    private final TagChecks tags;
    private final SettingReader settingReader;
    private final VariableReader variableReader;
    private final EndpointCapabilities endpoints;

    /** Without endpoint knowledge: no parameter is refused for its endpoint. */
    SubmissionReader(SubmitLimits limits) {
        this(limits, null);
    }

    @Autowired
    SubmissionReader(SubmitLimits limits, EndpointCapabilities endpoints) {
        this.limits = limits;
        this.endpoints = endpoints;
        this.tags = new TagChecks(limits);
        this.settingReader = new SettingReader(new SettingChecks(limits));
        this.variableReader = new VariableReader(limits);
    }

    TaskSubmission read(JsonNode body) {
        Problems problems = new Problems();
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.of("$", "must be a JSON object");
        }
        List<FieldProblem> unstorable = new ArrayList<>();
        StorableText.checkTree(body, "$", unstorable);
        if (!unstorable.isEmpty()) {
            throw new InvalidRequestException(unstorable);
        }
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                problems.add(
                        "$." + field,
                        "is not a known field; known: "
                                + FIELDS.stream().sorted().toList());
            }
        }
        String name = readName(body.get("name"), problems);
        int priority = readPriority(body.get("priority"), problems);
        String makeApiQueue = readMakeApiQueue(body.get("make_api_queue"), problems);
        JsonNode prompts = readPrompts(body.get("prompts"), problems);
        JsonNode variablesJson =
                body.path("variables").isMissingNode() || body.get("variables").isNull()
                        ? JsonNodeFactory.instance.objectNode()
                        : body.get("variables");
        List<Variable> variables = variableReader.read(variablesJson, problems);
        Map<String, Setting> read = new HashMap<>();
        for (String setting : TaskSubmission.SETTING_TYPES) {
            read.put(setting, settingReader.read(setting, body.get(setting), variables, problems));
        }
        Map<String, Setting> parameters = ParameterReader.read(body.get("parameters"), variables, problems);
        for (Variable variable : variables) {
            boolean parameter = ParameterChecks.isParameter(variable.type());
            Setting setting = parameter ? parameters.get(variable.type()) : read.get(variable.type());
            if (!variable.isTag() && (setting == null || !variable.id().equals(setting.variableId()))) {
                problems.add(
                        "$.variables." + variable.id(),
                        "a " + variable.type() + " variable must be named by " + (parameter ? "parameters." : "")
                                + variable.type() + ".variable_id");
            }
        }
        JsonNode queueAsSent = body.get("make_api_queue");
        if (endpoints != null && (queueAsSent == null || queueAsSent.isNull() || makeApiQueue != null)) {
            endpoints.refuseUnsupported(parameters, makeApiQueue, problems);
        }
        if (!drawsSomething(prompts, variables)) {
            problems.add(
                    "$.prompts",
                    "must hold a tag with prompt text: a fixed tag here, or a tag variable ("
                            + String.join(", ", TaskSubmission.TAG_TYPES) + ") in variables");
        }
        long count = productOf(variables);
        Map<String, Object> facts = new HashMap<>();
        if (count > limits.maxSubtasks()) {
            problems.add(
                    "$.variables",
                    "expands to " + count + " subtasks; at most " + limits.maxSubtasks() + " are allowed");
            facts.put("count", count);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems.list(), facts);
        }
        return new TaskSubmission(
                name,
                priority,
                makeApiQueue,
                prompts,
                read.get("ratio"),
                read.get("seed"),
                read.get("batch_size"),
                read.get("polish"),
                variablesJson,
                variables,
                parameters);
    }

    private String readName(JsonNode node, Problems problems) {
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            problems.add("$.name", "is required: a non-blank string");
            return null;
        }
        String name = node.stringValue().strip();
        if (name.length() > limits.maxNameLength()) {
            problems.add("$.name", "must be at most " + limits.maxNameLength() + " characters");
        }
        return name;
    }

    private int readPriority(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return limits.minPriority();
        }
        if (!node.isIntegralNumber()
                || !node.canConvertToInt()
                || node.intValue() < limits.minPriority()
                || node.intValue() > limits.maxPriority()) {
            problems.add(
                    "$.priority",
                    "must be an integer between " + limits.minPriority() + " and " + limits.maxPriority());
            return limits.minPriority();
        }
        return node.intValue();
    }

    private static String readMakeApiQueue(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() || !List.of("ops", "dev").contains(node.stringValue())) {
            problems.add("$.make_api_queue", "must be null, \"ops\" or \"dev\"");
            return null;
        }
        return node.stringValue();
    }

    private JsonNode readPrompts(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!node.isArray()) {
            problems.add("$.prompts", "must be an array of tags");
            return JsonNodeFactory.instance.arrayNode();
        }
        if (node.size() > limits.maxTags()) {
            problems.add("$.prompts", "must hold at most " + limits.maxTags() + " tags");
        }
        for (int i = 0; i < node.size(); i++) {
            tags.check(node.get(i), "$.prompts[" + i + "]", null, problems);
        }
        return node;
    }

    /** Whether a fixed tag or a tag variable's value carries text: a task without either has nothing to draw. */
    private static boolean drawsSomething(JsonNode prompts, List<Variable> variables) {
        for (JsonNode tag : prompts) {
            JsonNode value = tag.get("value");
            if (value != null && value.isString() && !value.stringValue().isBlank()) {
                return true;
            }
        }
        return variables.stream()
                .filter(Variable::isTag)
                .flatMap(variable -> variable.values().stream())
                .anyMatch(tag -> tag.path("value").isString()
                        && !tag.path("value").stringValue().isBlank());
    }

    private long productOf(List<Variable> variables) {
        long product = 1;
        for (Variable variable : variables) {
            // Saturates instead of overflowing: the exact figure only matters below the limit's reach.
            product = product > Long.MAX_VALUE / Math.max(1, variable.values().size())
                    ? Long.MAX_VALUE
                    : product * variable.values().size();
        }
        return product;
    }
}
