package dev.imagegen.api.problem;

import java.util.List;
import java.util.Map;

/** A request refused before anything was written, with every bad field and optional extra facts. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldProblem> problems;
    private final transient Map<String, Object> properties;

    public InvalidRequestException(List<FieldProblem> problems) {
        this(problems, Map.of());
    }

    public InvalidRequestException(List<FieldProblem> problems, Map<String, Object> properties) {
        super(problems.size() + " invalid field(s)");
        this.problems = List.copyOf(problems);
        this.properties = Map.copyOf(properties);
    }

    public static InvalidRequestException of(String path, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(path, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
