package dev.imagegen.api.submit;

import dev.imagegen.api.problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects every bad field of one submission, so that a single answer lists them all. */
final class Problems {

    private final List<FieldProblem> found = new ArrayList<>();

    void add(String path, String message) {
        found.add(new FieldProblem(path, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    List<FieldProblem> list() {
        return List.copyOf(found);
    }
}
