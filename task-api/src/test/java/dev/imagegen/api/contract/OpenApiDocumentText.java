package dev.imagegen.api.contract;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The committed form of an OpenAPI document: reviewable as a diff, the same text for the same contract. */
final class OpenApiDocumentText {

    /** The top level in the specification's order, which readers expect; everything below is sorted. */
    private static final List<String> TOP_LEVEL = List.of(
            "openapi",
            "info",
            "jsonSchemaDialect",
            "externalDocs",
            "security",
            "tags",
            "paths",
            "webhooks",
            "components");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final DefaultIndenter LINES = new DefaultIndenter("  ", "\n");
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
                    Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(LINES)
            .withArrayIndenter(LINES);

    private OpenApiDocumentText() {}

    /**
     * Keys sorted (the top level in the specification's order), two-space indents, one array
     * element per line, a final newline; without {@code servers}, which springdoc fills with the
     * address the request came through.
     */
    static String canonical(String document) {
        ObjectNode served = (ObjectNode) MAPPER.readTree(document);
        served.remove("servers");
        ObjectNode root = MAPPER.createObjectNode();
        List<String> names = new ArrayList<>(served.propertyNames());
        names.sort(
                (a, b) -> Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
        names.forEach(name -> root.set(name, sorted(served.get(name))));
        return MAPPER.writer().with(PRETTY).writeValueAsString(root) + "\n";
    }

    private static int rank(String name) {
        int rank = TOP_LEVEL.indexOf(name);
        return rank < 0 ? TOP_LEVEL.size() : rank;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = MAPPER.createObjectNode();
            object.propertyNames().stream().sorted().forEach(name -> copy.set(name, sorted(object.get(name))));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = MAPPER.createArrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    /** Where two texts first differ, for the failure message. */
    static String firstDifference(String committed, String served) {
        String[] was = committed.split("\n", -1);
        String[] is = served.split("\n", -1);
        for (int i = 0; i < Math.max(was.length, is.length); i++) {
            String before = i < was.length ? was[i].strip() : "<end of file>";
            String after = i < is.length ? is[i].strip() : "<end of file>";
            if (!before.equals(after)) {
                return "first at line %d: committed %s, served %s".formatted(i + 1, before, after);
            }
        }
        return "only in indentation or line endings";
    }
}
