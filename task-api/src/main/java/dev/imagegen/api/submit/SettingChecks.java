package dev.imagegen.api.submit;

import tools.jackson.databind.JsonNode;

/** Checks a value of ratio, seed, batch_size or polish, whether fixed or one of a variable's values. */
final class SettingChecks {

    private final SubmitLimits limits;

    SettingChecks(SubmitLimits limits) {
        this.limits = limits;
    }

    void check(String setting, JsonNode value, String path, Problems problems) {
        switch (setting) {
            case "ratio" -> {
                if (value == null || !value.isString() || !limits.ratios().contains(value.stringValue())) {
                    problems.add(path, "must be a known ratio, one of " + limits.ratios());
                }
            }
            case "seed" -> {
                if (value != null && !value.isNull()) {
                    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                        problems.add(path, "must be an integer or null (null: a random seed per subtask)");
                    } else if (value.longValue() < 0 || value.longValue() > limits.maxSeed()) {
                        problems.add(path, "must be between 0 and " + limits.maxSeed());
                    }
                }
            }
            case "batch_size" -> {
                if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
                    problems.add(path, "must be an integer");
                } else if (value.intValue() < limits.minBatchSize() || value.intValue() > limits.maxBatchSize()) {
                    problems.add(path, "must be between " + limits.minBatchSize() + " and " + limits.maxBatchSize());
                }
            }
            case "polish" -> {
                if (value == null || !value.isBoolean()) {
                    problems.add(path, "must be true or false");
                }
            }
            default -> throw new IllegalArgumentException(setting);
        }
    }
}
