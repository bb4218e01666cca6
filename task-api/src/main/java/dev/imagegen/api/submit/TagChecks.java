package dev.imagegen.api.submit;

import tools.jackson.databind.JsonNode;

/** Checks one tag (a prompt, character, element or lumina entry) against the limits. */
final class TagChecks {

    private final SubmitLimits limits;

    TagChecks(SubmitLimits limits) {
        this.limits = limits;
    }

    /** Checks {@code tag} at {@code path}; {@code expectedType} is the variable's type, or null for fixed tags. */
    void check(JsonNode tag, String path, String expectedType, Problems problems) {
        if (!tag.isObject()) {
            problems.add(path, "must be an object with type and value");
            return;
        }
        JsonNode type = tag.get("type");
        if (type == null || type.isNull()) {
            if (expectedType == null) {
                problems.add(path + ".type", "is required; one of " + TaskSubmission.TAG_TYPES);
            }
        } else if (!type.isString() || !TaskSubmission.TAG_TYPES.contains(type.stringValue())) {
            problems.add(path + ".type", "must be one of " + TaskSubmission.TAG_TYPES);
        } else if (expectedType != null && !expectedType.equals(type.stringValue())) {
            problems.add(path + ".type", "must be the variable's type, " + expectedType);
        }
        JsonNode value = tag.get("value");
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            problems.add(path + ".value", "is required: a non-blank string");
        } else if (value.stringValue().length() > limits.maxTagValueLength()) {
            problems.add(path + ".value", "must be at most " + limits.maxTagValueLength() + " characters");
        }
        optionalString(tag, "uuid", path, limits.maxTagNameLength(), problems);
        optionalString(tag, "name", path, limits.maxTagNameLength(), problems);
        optionalString(tag, "header_img", path, limits.maxUrlLength(), problems);
        JsonNode weight = tag.get("weight");
        if (weight != null && !weight.isNull()) {
            if (!weight.isNumber()) {
                problems.add(path + ".weight", "must be a number");
            } else if (!JsonNumbers.within(weight, limits.minWeight(), limits.maxWeight())) {
                problems.add(path + ".weight", "must be between " + limits.minWeight() + " and " + limits.maxWeight());
            }
        }
    }

    private static void optionalString(JsonNode tag, String field, String path, int maxLength, Problems problems) {
        JsonNode node = tag.get(field);
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isString()) {
            problems.add(path + "." + field, "must be a string");
        } else if (node.stringValue().length() > maxLength) {
            problems.add(path + "." + field, "must be at most " + maxLength + " characters");
        }
    }
}
