package dev.imagegen.api.task;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which of a task's subtasks a list reads: any of these statuses, any of these ratings, and for each variable named,
 * one of these value indices (variables AND-ed, values of one variable OR-ed). An empty part filters nothing.
 *
 * @param statuses subtask statuses, e.g. completed
 * @param ratings unrated, poor or good
 * @param variables variable key (v0..v5) to the value indices allowed
 */
record SubtaskFilter(List<String> statuses, List<String> ratings, SortedMap<String, Set<Integer>> variables) {

    private static final String WITH_STATUSES = " AND CAST(s.status AS text) IN (:statuses)";
    private static final String WITH_RATINGS = " AND CAST(s.rating AS text) IN (:ratings)";
    // variable_indices holds {"v0": 2, "v1": 0}: one condition per variable named in the filter.
    private static final String WITH_VARIABLE =
            " AND CAST(s.variable_indices ->> :key%1$d AS integer) IN (:values%1$d)";

    SubtaskFilter {
        statuses = List.copyOf(statuses);
        ratings = List.copyOf(ratings);
        variables = Collections.unmodifiableSortedMap(new TreeMap<>(variables));
    }

    /** The conditions over subtasks {@code s}, each starting with AND, and their parameters added to {@code params}. */
    String conditions(Map<String, Object> params) {
        StringBuilder sql = new StringBuilder();
        if (!statuses.isEmpty()) {
            sql.append(WITH_STATUSES);
            params.put("statuses", statuses);
        }
        if (!ratings.isEmpty()) {
            sql.append(WITH_RATINGS);
            params.put("ratings", ratings);
        }
        int n = 0;
        for (Map.Entry<String, Set<Integer>> variable : variables.entrySet()) {
            sql.append(WITH_VARIABLE.formatted(n));
            params.put("key" + n, variable.getKey());
            params.put("values" + n, List.copyOf(variable.getValue()));
            n++;
        }
        return sql.toString();
    }
}
