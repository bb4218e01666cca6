package dev.imagegen.api.problem;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL cannot store the NUL character in text or JSONB: a client that sends one gets the
 * field named in a 400, not a failed insert.
 */
public final class StorableText {

    public static final String NUL_MESSAGE = "must not contain the NUL character (\\u0000)";

    private StorableText() {}

    public static boolean hasNul(String text) {
        return text != null && text.indexOf('\u0000') >= 0;
    }

    /** Adds a problem for every string value or member name under {@code node} that holds a NUL. */
    public static void checkTree(JsonNode node, String path, List<FieldProblem> problems) {
        if (node == null) {
            return;
        }
        if (node.isString() && hasNul(node.stringValue())) {
            problems.add(new FieldProblem(path, NUL_MESSAGE));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkTree(node.get(i), path + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String at = path + "." + member.getKey();
                if (hasNul(member.getKey())) {
                    problems.add(new FieldProblem(at, NUL_MESSAGE));
                } else {
                    checkTree(member.getValue(), at, problems);
                }
            }
        }
    }
}
