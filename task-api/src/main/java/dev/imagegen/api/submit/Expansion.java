package dev.imagegen.api.submit;

import dev.imagegen.api.submit.TaskSubmission.Setting;
import dev.imagegen.api.submit.TaskSubmission.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The cartesian product of a task's variables in a stable order: v0 changes slowest, the last
 * variable fastest, like an odometer. Combination {@code n} is computed directly, without the others.
 */
final class Expansion {

    private final TaskSubmission task;
    private final List<Variable> variables;
    private final long count;

    Expansion(TaskSubmission task) {
        this.task = task;
        this.variables = task.variables();
        this.count = task.combinations();
    }

    long count() {
        return count;
    }

    List<Variable> variables() {
        return variables;
    }

    /** The value index chosen for each variable, in variable order, for combination {@code ordinal}. */
    int[] indicesOf(long ordinal) {
        if (ordinal < 0 || ordinal >= count) {
            throw new IndexOutOfBoundsException(ordinal);
        }
        int[] indices = new int[variables.size()];
        long rest = ordinal;
        for (int k = variables.size() - 1; k >= 0; k--) {
            int size = variables.get(k).values().size();
            indices[k] = (int) (rest % size);
            rest /= size;
        }
        return indices;
    }

    /** Combination {@code ordinal}; its seed is null when a random one is to be drawn. */
    Combination combination(long ordinal) {
        int[] indices = indicesOf(ordinal);
        Map<String, Integer> variableIndices = new LinkedHashMap<>();
        List<JsonNode> prompts = new ArrayList<>();
        task.prompts().forEach(prompts::add);
        for (int k = 0; k < variables.size(); k++) {
            Variable variable = variables.get(k);
            variableIndices.put(variable.id(), indices[k]);
            if (variable.isTag()) {
                prompts.add(variable.values().get(indices[k]));
            }
        }
        JsonNode seed = valueOf(task.seed(), indices);
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        task.parameters().forEach((name, setting) -> parameters.put(name, valueOf(setting, indices)));
        return new Combination(
                variableIndices,
                prompts,
                valueOf(task.ratio(), indices).stringValue(),
                seed == null || seed.isNull() ? null : seed.longValue(),
                valueOf(task.polish(), indices).booleanValue(),
                valueOf(task.batchSize(), indices).intValue(),
                parameters);
    }

    /** The setting's value in the combination with these indices. */
    JsonNode valueOf(Setting setting, int[] indices) {
        if (!setting.isVariable()) {
            return setting.value();
        }
        for (int k = 0; k < variables.size(); k++) {
            if (variables.get(k).id().equals(setting.variableId())) {
                return variables.get(k).values().get(indices[k]);
            }
        }
        throw new IllegalStateException("no variable " + setting.variableId());
    }

    /** One subtask's inputs. */
    record Combination(
            Map<String, Integer> variableIndices,
            List<JsonNode> prompts,
            String ratio,
            Long seed,
            boolean usePolish,
            int batchSize,
            Map<String, JsonNode> parameters) {}
}
