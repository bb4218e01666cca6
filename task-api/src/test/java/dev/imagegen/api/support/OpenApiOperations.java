package dev.imagegen.api.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations of the application's own OpenAPI document ({@code /v3/api-docs}), so that tests
 * built on them cover an endpoint as soon as it is added.
 */
public final class OpenApiOperations {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch");

    private OpenApiOperations() {}

    /** One parameter of an operation: where it goes (path, query, header) and its schema type and format. */
    public record Parameter(String name, String in, boolean required, String type, String format) {}

    /** One operation: method, path template, parameters, whether it takes a body, and what it produces. */
    public record Operation(
            String method,
            String path,
            List<Parameter> parameters,
            boolean hasBody,
            List<String> bodyFields,
            boolean eventStream) {

        /** "METHOD /path/{template}", as the rule tables spell it. */
        public String key() {
            return method + " " + path;
        }

        public boolean takesInput() {
            return hasBody || !parameters.isEmpty();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** Every operation of the document served by {@code mvc}, in document order. */
    public static List<Operation> read(MockMvc mvc) throws Exception {
        String document =
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        return parse(document);
    }

    public static List<Operation> parse(String document) {
        JsonNode root = MAPPER.readTree(document);
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.get("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    JsonNode schema = parameter.path("schema");
                    parameters.add(new Parameter(
                            parameter.get("name").asString(),
                            parameter.get("in").asString(),
                            parameter.path("required").asBoolean(false),
                            schema.path("type").asString("string"),
                            schema.path("format").asString("")));
                }
                JsonNode body = operation.get("requestBody");
                List<String> fields = new ArrayList<>();
                if (body != null) {
                    for (JsonNode content : body.path("content")) {
                        fields.addAll(propertiesOf(root, content.path("schema")));
                    }
                }
                boolean eventStream = false;
                for (JsonNode response : operation.path("responses")) {
                    eventStream |= response.path("content").has("text/event-stream");
                }
                operations.add(new Operation(
                        method.toUpperCase(),
                        path.getKey(),
                        List.copyOf(parameters),
                        body != null,
                        List.copyOf(fields),
                        eventStream));
            }
        }
        return operations;
    }

    private static List<String> propertiesOf(JsonNode root, JsonNode schema) {
        JsonNode resolved = schema;
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            resolved = root.path("components").path("schemas").path(name);
        }
        List<String> names = new ArrayList<>();
        resolved.path("properties").propertyNames().forEach(names::add);
        return names;
    }
}
