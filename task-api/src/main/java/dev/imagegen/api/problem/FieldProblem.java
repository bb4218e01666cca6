package dev.imagegen.api.problem;

/** One bad field of a request: where it is (a JSON path such as {@code $.variables.v0.values[2]}) and why. */
public record FieldProblem(String path, String message) {}
