package dev.imagegen.worker;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How ComfyUI validates an API-format prompt before queueing it (execution.py validate_prompt):
 * every node needs class_type and inputs, a class must exist, required inputs must be there with
 * values in range or in the list (nodes.py INPUT_TYPES), links must name existing nodes, and at
 * least one output node (SaveImage) must be present. Answers the 400 body, or null when valid.
 */
final class ComfyUiWorkflowRules {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> SAMPLERS =
            List.of("euler", "euler_ancestral", "heun", "dpm_2", "dpmpp_2m", "dpmpp_sde", "ddim", "uni_pc");
    static final List<String> SCHEDULERS = List.of("normal", "karras", "exponential", "sgm_uniform", "simple", "beta");

    /** Class → required input → rule: "link", "string", "int:min:max", "float:min:max", or "list". */
    private static final Map<String, Map<String, String>> CLASSES = Map.of(
            "CheckpointLoaderSimple", Map.of("ckpt_name", "checkpoint"),
            "CLIPTextEncode", Map.of("text", "string", "clip", "link"),
            "EmptyLatentImage",
                    Map.of("width", "int:16:16384:8", "height", "int:16:16384:8", "batch_size", "int:1:4096:1"),
            "KSampler",
                    Map.of(
                            "seed",
                            "int:0:" + Long.MAX_VALUE + ":1",
                            "steps",
                            "int:1:10000:1",
                            "cfg",
                            "float:0:100",
                            "sampler_name",
                            "sampler",
                            "scheduler",
                            "scheduler",
                            "denoise",
                            "float:0:1",
                            "model",
                            "link",
                            "positive",
                            "link",
                            "negative",
                            "link",
                            "latent_image",
                            "link"),
            "VAEDecode", Map.of("samples", "link", "vae", "link"),
            "SaveImage", Map.of("filename_prefix", "string", "images", "link"));

    private ComfyUiWorkflowRules() {}

    static ObjectNode check(JsonNode prompt, List<String> checkpoints) {
        if (prompt == null || !prompt.isObject() || prompt.isEmpty()) {
            return error("no_prompt", "No prompt provided", "", NODES.objectNode());
        }
        ObjectNode nodeErrors = NODES.objectNode();
        boolean hasOutput = false;
        for (var node : prompt.properties()) {
            JsonNode classType = node.getValue().path("class_type");
            if (!classType.isString() || !node.getValue().path("inputs").isObject()) {
                return error(
                        "invalid_prompt",
                        "Cannot execute because a node is missing the class_type property.",
                        "Node ID '#" + node.getKey() + "'",
                        NODES.objectNode());
            }
            Map<String, String> inputs = CLASSES.get(classType.stringValue());
            if (inputs == null) {
                return error(
                        "missing_node_type",
                        "Node '" + classType.stringValue() + "' not found. The custom node" + " may not be installed.",
                        "Node ID '#" + node.getKey() + "'",
                        NODES.objectNode());
            }
            hasOutput |= classType.stringValue().equals("SaveImage");
            var errors = NODES.arrayNode();
            inputs.forEach((name, rule) -> {
                String problem = problem(node.getValue().path("inputs").path(name), rule, prompt, checkpoints);
                if (problem != null) {
                    errors.addObject()
                            .put(
                                    "type",
                                    problem.startsWith("Required")
                                            ? "required_input_missing"
                                            : problem.startsWith("Value not in list")
                                                    ? "value_not_in_list"
                                                    : "invalid_input")
                            .put(
                                    "message",
                                    problem.contains(":") ? problem.substring(0, problem.indexOf(':')) : problem)
                            .put("details", name + ": " + problem)
                            .putObject("extra_info")
                            .put("input_name", name);
                }
            });
            if (!errors.isEmpty()) {
                ObjectNode entry = nodeErrors.putObject(node.getKey());
                entry.set("errors", errors);
                entry.putArray("dependent_outputs").add("9");
                entry.put("class_type", classType.stringValue());
            }
        }
        if (!hasOutput) {
            return error("prompt_no_outputs", "Prompt has no outputs", "", NODES.objectNode());
        }
        if (!nodeErrors.isEmpty()) {
            return error("prompt_outputs_failed_validation", "Prompt outputs failed validation", "", nodeErrors);
        }
        return null;
    }

    private static String problem(JsonNode value, String rule, JsonNode prompt, List<String> checkpoints) {
        if (value.isMissingNode() || value.isNull()) {
            return "Required input is missing";
        }
        String[] parts = rule.split(":");
        return switch (parts[0]) {
            case "link" ->
                value.isArray() && value.size() == 2 && prompt.has(value.path(0).asString(""))
                        ? null
                        : "Bad linked input, must be [node id, output index]: " + value;
            case "string" -> value.isString() ? null : "Value is not a string: " + value;
            case "checkpoint" -> inList(value, checkpoints);
            case "sampler" -> inList(value, SAMPLERS);
            case "scheduler" -> inList(value, SCHEDULERS);
            case "int" ->
                !value.isIntegralNumber()
                        ? "Failed to convert an input value to a INT value: " + value
                        : value.longValue() < Long.parseLong(parts[1])
                                ? "Value " + value + " smaller than min of " + parts[1]
                                : value.longValue() > Long.parseLong(parts[2])
                                        ? "Value " + value + " bigger than max of " + parts[2]
                                        : value.longValue() % Long.parseLong(parts[3]) != 0
                                                ? "Value " + value + " is not a multiple of " + parts[3]
                                                : null;
            case "float" ->
                !value.isNumber()
                        ? "Failed to convert an input value to a FLOAT value: " + value
                        : value.doubleValue() < Double.parseDouble(parts[1])
                                ? "Value smaller than min of " + parts[1]
                                : value.doubleValue() > Double.parseDouble(parts[2])
                                        ? "Value bigger than max of " + parts[2]
                                        : null;
            default -> throw new IllegalArgumentException(rule);
        };
    }

    private static String inList(JsonNode value, List<String> allowed) {
        return value.isString() && allowed.contains(value.stringValue())
                ? null
                : "Value not in list: '" + value.asString("") + "' not in " + allowed;
    }

    private static ObjectNode error(String type, String message, String details, JsonNode nodeErrors) {
        ObjectNode body = NODES.objectNode();
        body.putObject("error")
                .put("type", type)
                .put("message", message)
                .put("details", details)
                .putObject("extra_info");
        body.set("node_errors", nodeErrors);
        return body;
    }
}
