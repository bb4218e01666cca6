package dev.imagegen.api.user;

import dev.imagegen.api.problem.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Checks the fields of a user as an admin creates or changes it. */
final class UserChecks {

    static final List<String> ROLES = List.of("admin", "manager", "user", "guest");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{1,50}");
    private static final int MIN_PASSWORD = 8;
    // bcrypt reads at most 72 bytes; a longer password would be silently cut.
    private static final int MAX_PASSWORD_BYTES = 72;

    private UserChecks() {}

    static void username(JsonNode node, List<FieldProblem> problems) {
        if (node == null
                || !node.isString()
                || !USERNAME.matcher(node.stringValue()).matches()) {
            problems.add(new FieldProblem("$.username", "is required: 1 to 50 of A-Z a-z 0-9 _ . -"));
        }
    }

    static void password(JsonNode node, boolean required, List<FieldProblem> problems) {
        if (node == null && !required) {
            return;
        }
        if (node == null
                || !node.isString()
                || node.stringValue().length() < MIN_PASSWORD
                || node.stringValue().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            problems.add(new FieldProblem(
                    "$.password", "must be at least " + MIN_PASSWORD + " characters and at most 72 bytes"));
        }
    }

    static void role(JsonNode node, boolean required, List<FieldProblem> problems) {
        if (node == null && !required) {
            return;
        }
        if (node == null || !node.isString() || !ROLES.contains(node.stringValue())) {
            problems.add(new FieldProblem("$.role", "must be one of " + ROLES));
        }
    }

    static void displayName(JsonNode node, List<FieldProblem> problems) {
        if (node != null
                && !node.isNull()
                && (!node.isString() || node.stringValue().length() > 100)) {
            problems.add(new FieldProblem("$.display_name", "must be a string of at most 100 characters"));
        }
    }

    static void active(JsonNode node, List<FieldProblem> problems) {
        if (node != null && !node.isBoolean()) {
            problems.add(new FieldProblem("$.is_active", "must be true or false"));
        }
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.stringValue();
    }
}
