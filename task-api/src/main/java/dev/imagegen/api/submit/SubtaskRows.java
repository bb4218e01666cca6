package dev.imagegen.api.submit;

import dev.imagegen.api.submit.TaskSubmission.Variable;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every subtask of a task as one JSON array, in expansion order with its place in it ({@code seq}),
 * read by {@code jsonb_to_recordset} in a single INSERT.
 * Tags are serialized once per value, not once per subtask, so that 10,000 rows cost milliseconds.
 */
final class SubtaskRows {

    final String json;
    final int count;

    private SubtaskRows(String json, int count) {
        this.json = json;
        this.count = count;
    }

    static SubtaskRows of(Expansion expansion, TaskSubmission task, ObjectMapper mapper, LongSupplier randomSeed) {
        List<Variable> variables = expansion.variables();
        String fixed = serializeElements(task.prompts(), mapper);
        String[][] tagValues = new String[variables.size()][];
        for (int k = 0; k < variables.size(); k++) {
            Variable variable = variables.get(k);
            if (variable.isTag()) {
                tagValues[k] = variable.values().stream()
                        .map(mapper::writeValueAsString)
                        .toArray(String[]::new);
            }
        }
        int count = Math.toIntExact(expansion.count());
        StringBuilder json = new StringBuilder(count * (64 + fixed.length()));
        json.append('[');
        for (int n = 0; n < count; n++) {
            int[] indices = expansion.indicesOf(n);
            UUID id = UUID.randomUUID();
            if (n > 0) {
                json.append(',');
            }
            json.append("{\"id\":\"").append(id).append("\",\"seq\":").append(n).append(",\"variable_indices\":{");
            for (int k = 0; k < variables.size(); k++) {
                json.append(k == 0 ? "" : ",")
                        .append('"')
                        .append(variables.get(k).id())
                        .append("\":")
                        .append(indices[k]);
            }
            json.append("},\"prompts\":[").append(fixed);
            boolean first = fixed.isEmpty();
            for (int k = 0; k < variables.size(); k++) {
                if (tagValues[k] != null) {
                    json.append(first ? "" : ",").append(tagValues[k][indices[k]]);
                    first = false;
                }
            }
            JsonNode seed = expansion.valueOf(task.seed(), indices);
            json.append("],\"ratio\":")
                    .append(mapper.writeValueAsString(expansion.valueOf(task.ratio(), indices)))
                    .append(",\"seed\":")
                    .append(seed == null || seed.isNull() ? randomSeed.getAsLong() : seed.longValue())
                    .append(",\"use_polish\":")
                    .append(expansion.valueOf(task.polish(), indices).booleanValue())
                    .append(",\"batch_size\":")
                    .append(expansion.valueOf(task.batchSize(), indices).intValue())
                    .append(",\"parameters\":")
                    .append(parametersJson(expansion, task, indices, mapper))
                    .append('}');
        }
        json.append(']');
        return new SubtaskRows(json.toString(), count);
    }

    /** The subtask's parameters as plain values; the task's fixed ones are the same for every row. */
    private static String parametersJson(Expansion expansion, TaskSubmission task, int[] indices, ObjectMapper mapper) {
        if (task.parameters().isEmpty()) {
            return "{}";
        }
        ObjectNode values = mapper.createObjectNode();
        task.parameters().forEach((name, setting) -> values.set(name, expansion.valueOf(setting, indices)));
        return mapper.writeValueAsString(values);
    }

    private static String serializeElements(JsonNode array, ObjectMapper mapper) {
        String text = mapper.writeValueAsString(array);
        return text.substring(1, text.length() - 1);
    }
}
