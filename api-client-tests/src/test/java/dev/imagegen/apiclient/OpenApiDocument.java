package dev.imagegen.apiclient;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.OpenApi31;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The committed OpenAPI document: its GET and POST operations, and the schema of each documented answer. */
final class OpenApiDocument {

    /** Where the build keeps the committed contract, seen from this module's directory. */
    static final Path COMMITTED =
            Path.of("..", "docs", "openapi.json").toAbsolutePath().normalize();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> METHODS = List.of("get", "post");

    private final JsonNode root;
    private final SchemaRegistry registry;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        this.registry = SchemaRegistry.withDefaultDialect(
                OpenApi31.getInstance(),
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
    }

    static OpenApiDocument committed() {
        try {
            return new OpenApiDocument(JSON.readTree(Files.readString(COMMITTED)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every GET and POST, as "METHOD /path/{template}". */
    List<String> operations() {
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.get("paths").properties()) {
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    boolean has(String operation) {
        return !operation(operation).isMissingNode();
    }

    /** The operation's response for a status: the exact code, else its class (2XX), else default. */
    Optional<JsonNode> response(String operation, int status) {
        JsonNode responses = operation(operation).path("responses");
        for (String key : List.of(String.valueOf(status), (status / 100) + "XX", "default")) {
            if (responses.has(key)) {
                return Optional.of(responses.get(key));
            }
        }
        return Optional.empty();
    }

    List<String> documentedStatuses(String operation) {
        return new ArrayList<>(operation(operation).path("responses").propertyNames());
    }

    /**
     * A response schema ready to validate with, held closed: an object may carry only the
     * properties the document names, since a generated client drops any other silently.
     */
    Schema validator(JsonNode responseSchema) {
        ObjectNode schema = (ObjectNode) closed(responseSchema.deepCopy(), false);
        // "#/components/..." references resolve against the schema's own document: carry them along.
        schema.set("components", closed(root.path("components").deepCopy(), false));
        return registry.getSchema(schema);
    }

    private JsonNode operation(String operation) {
        String[] parts = operation.split(" ", 2);
        return root.path("paths").path(parts[1]).path(parts[0].toLowerCase());
    }

    /**
     * Adds {@code additionalProperties: false} where an object schema lists its properties and says
     * nothing of others; never inside allOf, where each part sees only its own properties.
     */
    private static JsonNode closed(JsonNode node, boolean inAllOf) {
        if (node instanceof ObjectNode object) {
            if (!inAllOf && object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            for (Map.Entry<String, JsonNode> child : object.properties()) {
                closed(child.getValue(), child.getKey().equals("allOf"));
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> closed(element, inAllOf));
        }
        return node;
    }
}
