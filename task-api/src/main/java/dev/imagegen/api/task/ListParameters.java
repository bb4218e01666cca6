package dev.imagegen.api.task;

import dev.imagegen.api.page.Page;
import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/** Checks the parameters of a list read, collecting every bad one before answering. */
final class ListParameters {

    static final List<String> STATUSES = List.of("pending", "processing", "completed", "failed", "cancelled");
    static final List<String> RATINGS = List.of("unrated", "poor", "good");

    private final List<FieldProblem> problems = new ArrayList<>();

    ListParameters limit(int limit) {
        if (limit < 1 || limit > Page.MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + Page.MAX_LIMIT));
        }
        return this;
    }

    ListParameters oneOf(String name, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            problems.add(new FieldProblem(name, "must be one of " + allowed));
        }
        return this;
    }

    ListParameters check(boolean fine, String name, String message) {
        if (!fine) {
            problems.add(new FieldProblem(name, message));
        }
        return this;
    }

    /** Adds problems found elsewhere, taking them from {@code found}, so they are answered together. */
    ListParameters add(List<FieldProblem> found) {
        problems.addAll(found);
        found.clear();
        return this;
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
