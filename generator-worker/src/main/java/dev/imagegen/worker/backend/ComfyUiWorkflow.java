package dev.imagegen.worker.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An API-format ComfyUI workflow ("Save (API format)") with placeholders: a string that is exactly
 * {@code "{{name}}"} becomes the value with its JSON type (a number stays a number); a placeholder
 * inside a longer string is replaced as text. Placeholders: positive_prompt, negative_prompt, seed,
 * width, height, batch_size, checkpoint, steps, cfg, sampler, scheduler, denoise, filename_prefix.
 */
final class ComfyUiWorkflow {

    static final String DEFAULT_TEMPLATE = "comfyui/txt2img.json";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private final JsonNode template;

    private ComfyUiWorkflow(JsonNode template) {
        if (!template.isObject() || template.isEmpty()) {
            throw new IllegalArgumentException("a ComfyUI workflow is a JSON object of nodes");
        }
        for (var node : template.properties()) {
            if (!node.getValue().path("class_type").isString()
                    || !node.getValue().path("inputs").isObject()) {
                throw new IllegalArgumentException("workflow node " + node.getKey()
                        + " needs class_type and inputs: export it with \"Save (API format)\"");
            }
        }
        this.template = template;
    }

    /** The template from a file, or the built-in txt2img graph when {@code file} is null. */
    static ComfyUiWorkflow load(Path file, JsonMapper json) {
        try {
            if (file != null) {
                return new ComfyUiWorkflow(json.readTree(Files.readString(file)));
            }
            try (InputStream in = ComfyUiWorkflow.class.getClassLoader().getResourceAsStream(DEFAULT_TEMPLATE)) {
                return new ComfyUiWorkflow(json.readTree(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the ComfyUI workflow " + file, e);
        }
    }

    /** A copy of the template with every placeholder filled; an unknown placeholder is refused. */
    JsonNode fill(Map<String, Object> values) {
        return fillNode(template, values);
    }

    private static JsonNode fillNode(JsonNode node, Map<String, Object> values) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), fillNode(e.getValue(), values)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(fillNode(item, values)));
            return copy;
        }
        if (!node.isString()) {
            return node;
        }
        String text = node.stringValue();
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches()) {
            return valueNode(valueOf(whole.group(1), values));
        }
        Matcher inside = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (inside.find()) {
            inside.appendReplacement(
                    filled, Matcher.quoteReplacement(String.valueOf(valueOf(inside.group(1), values))));
        }
        inside.appendTail(filled);
        return JsonNodeFactory.instance.stringNode(filled.toString());
    }

    private static Object valueOf(String name, Map<String, Object> values) {
        if (!values.containsKey(name)) {
            throw new BackendException(
                    "the ComfyUI workflow names an unknown placeholder {{" + name + "}}", false, null);
        }
        return values.get(name);
    }

    private static JsonNode valueNode(Object value) {
        return switch (value) {
            case Integer i -> JsonNodeFactory.instance.numberNode(i);
            case Long l -> JsonNodeFactory.instance.numberNode(l);
            case Number n -> JsonNodeFactory.instance.numberNode(n.doubleValue());
            case Boolean b -> JsonNodeFactory.instance.booleanNode(b);
            case null -> JsonNodeFactory.instance.nullNode();
            default -> JsonNodeFactory.instance.stringNode(value.toString());
        };
    }
}
