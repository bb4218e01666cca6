package dev.imagegen.api.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a JSON body into its record, refusing what the record does not name: a field that is not
 * one of the record's is a 400 naming it, like a value of the wrong type. Text must be storable. A record taken as the
 * {@code @RequestBody} itself needs none of this: {@link StrictJson} makes the binding refuse the same way.
 */
public final class StrictBody {

    private StrictBody() {}

    public static <T> T read(JsonNode body, Set<String> fields, Class<T> type, ObjectMapper mapper) {
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.of("$", "must be a JSON object");
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!fields.contains(field)) {
                problems.add(new FieldProblem("$." + field, "is not a known field; known: " + new TreeSet<>(fields)));
            } else if (body.get(field) != null
                    && !body.get(field).isNull()
                    && !body.get(field).isString()) {
                problems.add(new FieldProblem("$." + field, "must be a string or null"));
            }
        }
        StorableText.checkTree(body, "$", problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        try {
            return mapper.treeToValue(body, type);
        } catch (JacksonException e) {
            throw InvalidRequestException.of("$", "does not match the expected fields");
        }
    }
}
