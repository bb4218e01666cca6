package dev.imagegen.api.task;

import dev.imagegen.api.problem.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code variable} parameters of a subtask list: each {@code <variable>:<value>}, the variable by its key (v0..v5)
 * and the value by its index in the variable's values (from 0) or, for a tag value, by the tag's uuid. Conditions on
 * one variable are OR-ed, on different variables AND-ed.
 */
final class VariableConditions {

    static final String PARAMETER = "variable";
    static final String SHAPE = "<variable>:<value>, the variable's key (v0..v5) and the value's index (from 0) or"
            + " a tag value's uuid, e.g. v0:2";

    private static final Pattern CONDITION = Pattern.compile("(v[0-9]):(.{1,255})");
    private static final Pattern INDEX = Pattern.compile("[0-9]{1,4}");

    private final List<Matcher> conditions = new ArrayList<>();

    /** Reads the shape of each condition, adding a problem for each malformed one. */
    VariableConditions(List<String> values, List<FieldProblem> problems) {
        for (String value : values == null ? List.<String>of() : values) {
            Matcher condition = CONDITION.matcher(value);
            if (condition.matches()) {
                conditions.add(condition);
            } else {
                problems.add(new FieldProblem(PARAMETER, "must be " + SHAPE + "; got '" + shorten(value) + "'"));
            }
        }
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** The value indices allowed per variable, checked against the task's variables; a problem for each miss. */
    SortedMap<String, Set<Integer>> resolve(Map<String, TaskVariable> variables, List<FieldProblem> problems) {
        SortedMap<String, Set<Integer>> allowed = new TreeMap<>();
        for (Matcher condition : conditions) {
            String key = condition.group(1);
            String value = condition.group(2);
            TaskVariable variable = variables.get(key);
            if (variable == null || variable.values() == null) {
                problems.add(new FieldProblem(
                        PARAMETER, "the task has no variable " + key + "; it has " + variables.keySet()));
                continue;
            }
            Set<Integer> indices = indicesOf(variable.values(), value);
            if (indices.isEmpty()) {
                problems.add(new FieldProblem(
                        PARAMETER,
                        "variable " + key + " has " + variable.values().size() + " values (indices 0 to "
                                + (variable.values().size() - 1) + ") and no tag value with uuid '" + shorten(value)
                                + "'"));
                continue;
            }
            allowed.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(indices);
        }
        return allowed;
    }

    private static Set<Integer> indicesOf(List<Object> values, String value) {
        Set<Integer> indices = new LinkedHashSet<>();
        if (INDEX.matcher(value).matches()) {
            int index = Integer.parseInt(value);
            if (index < values.size()) {
                indices.add(index);
            }
            return indices;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof Map<?, ?> tag && value.equals(tag.get("uuid"))) {
                indices.add(i);
            }
        }
        return indices;
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
