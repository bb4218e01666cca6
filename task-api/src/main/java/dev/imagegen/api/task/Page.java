package dev.imagegen.api.task;

import dev.imagegen.api.problem.FieldProblem;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** A page of rows: {@code items}, and {@code next}, the cursor to pass as {@code after}, when more may follow. */
final class Page {

    static final int MAX_LIMIT = 500;

    private Page() {}

    static JsonNode of(ObjectMapper mapper, String itemsJson, int limit) {
        JsonNode items = mapper.readTree(itemsJson);
        ObjectNode page = mapper.createObjectNode();
        page.set("items", items);
        page.set("next", items.size() == limit ? items.get(items.size() - 1).get("id") : null);
        return page;
    }

    static void checkLimit(int limit, List<FieldProblem> problems) {
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
    }

    static void checkOneOf(String name, String value, List<String> allowed, List<FieldProblem> problems) {
        if (value != null && !allowed.contains(value)) {
            problems.add(new FieldProblem(name, "must be one of " + allowed));
        }
    }
}
