package dev.imagegen.api.submit;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The generation parameters a task may set, each with what a value must be. Which ones a task's
 * endpoint can send is a separate question ({@link EndpointCapabilities}).
 */
final class ParameterChecks {

    /** What a parameter's value must be: a kind ("int", "number", "text", "flag", "one of") and its bounds. */
    private record Rule(String kind, double min, double max, List<String> allowed) {

        static Rule integer(int min, int max) {
            return new Rule("int", min, max, List.of());
        }

        static Rule number(double min, double max) {
            return new Rule("number", min, max, List.of());
        }

        static Rule text(int maxLength) {
            return new Rule("text", 1, maxLength, List.of());
        }

        static Rule flag() {
            return new Rule("flag", 0, 0, List.of());
        }

        static Rule oneOf(String... allowed) {
            return new Rule("one of", 0, 0, List.of(allowed));
        }
    }

    static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("negative_prompt", Rule.text(4000)),
            Map.entry("steps", Rule.integer(1, 500)),
            Map.entry("cfg_scale", Rule.number(0, 30)),
            Map.entry("sampler", Rule.text(100)),
            Map.entry("scheduler", Rule.text(100)),
            Map.entry("checkpoint", Rule.text(255)),
            Map.entry("denoising_strength", Rule.number(0, 1)),
            Map.entry("enable_hr", Rule.flag()),
            Map.entry("hr_scale", Rule.number(1, 4)),
            Map.entry("hr_upscaler", Rule.text(100)),
            Map.entry("hr_second_pass_steps", Rule.integer(0, 500)),
            Map.entry("quality", Rule.oneOf("low", "medium", "high", "auto")),
            Map.entry("background", Rule.oneOf("transparent", "opaque", "auto")),
            Map.entry("moderation", Rule.oneOf("low", "auto")));

    static final List<String> NAMES = RULES.keySet().stream().sorted().toList();

    private ParameterChecks() {}

    static boolean isParameter(String name) {
        return name != null && RULES.containsKey(name);
    }

    /** Adds a problem at {@code path} when {@code value} is not a valid value of {@code name}. */
    static void check(String name, JsonNode value, String path, Problems problems) {
        Rule rule = RULES.get(name);
        String problem = switch (rule.kind()) {
            case "int" ->
                value != null
                                && value.isIntegralNumber()
                                && value.canConvertToInt()
                                && value.intValue() >= rule.min()
                                && value.intValue() <= rule.max()
                        ? null
                        : "must be an integer between " + (int) rule.min() + " and " + (int) rule.max();
            case "number" ->
                JsonNumbers.within(value, rule.min(), rule.max())
                        ? null
                        : "must be a number between " + fmt(rule.min()) + " and " + fmt(rule.max());
            case "text" ->
                value != null
                                && value.isString()
                                && !value.stringValue().isBlank()
                                && value.stringValue().length() <= rule.max()
                        ? null
                        : "must be a non-blank string of at most " + (int) rule.max() + " characters";
            case "flag" -> value != null && value.isBoolean() ? null : "must be true or false";
            default ->
                value != null && value.isString() && rule.allowed().contains(value.stringValue())
                        ? null
                        : "must be one of " + rule.allowed();
        };
        if (problem != null) {
            problems.add(path, problem);
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
