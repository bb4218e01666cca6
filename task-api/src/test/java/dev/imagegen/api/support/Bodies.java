package dev.imagegen.api.support;

/** Ready task bodies in the seed's JSON shapes. */
public final class Bodies {

    private Bodies() {}

    /** A task with two variables of three values each (nine subtasks) and a random seed. */
    public static String twoByThree(String name) {
        return """
                {
                  "name": "%s",
                  "priority": 1,
                  "prompts": [{"uuid": "p-1", "type": "prompt", "value": "a quiet lake at dawn", "weight": 1.0, "name": "lake"}],
                  "ratio": {"value": "16:9", "is_variable": false, "variable_id": null},
                  "seed": {"value": null, "is_variable": false, "variable_id": null},
                  "batch_size": {"value": 2, "is_variable": false, "variable_id": null},
                  "polish": {"value": true, "is_variable": false, "variable_id": null},
                  "variables": {
                    "v0": {"type": "prompt", "values": [
                      {"uuid": "a", "type": "prompt", "value": "oil painting", "weight": 1.0, "name": "oil"},
                      {"uuid": "b", "type": "prompt", "value": "watercolor", "weight": 1.0, "name": "water"},
                      {"uuid": "c", "type": "prompt", "value": "ink sketch", "weight": 1.0, "name": "ink"}]},
                    "v1": {"type": "character", "values": [
                      {"uuid": "x", "type": "character", "value": "fox", "weight": 1.0, "name": "Fox", "header_img": "https://img/fox.png"},
                      {"uuid": "y", "type": "character", "value": "crane", "weight": 1.0, "name": "Crane"},
                      {"uuid": "z", "type": "character", "value": "turtle", "weight": 1.0, "name": "Turtle"}]}
                  }
                }
                """.formatted(name);
    }

    /** A task with one variable per size given, expanding to their product. */
    public static String product(String name, int... sizes) {
        String[] types = {"prompt", "element", "character"};
        StringBuilder variables = new StringBuilder();
        for (int k = 0; k < sizes.length; k++) {
            String type = types[k % types.length];
            variables
                    .append(k == 0 ? "" : ",")
                    .append("\"v")
                    .append(k)
                    .append("\": {\"type\": \"")
                    .append(type);
            variables.append("\", \"values\": [");
            for (int i = 0; i < sizes[k]; i++) {
                variables
                        .append(i == 0 ? "" : ",")
                        .append("{\"type\":\"")
                        .append(type)
                        .append("\",\"value\":\"")
                        .append(k == 0 ? "style " : type + " ")
                        .append(i)
                        .append("\"}");
            }
            variables.append("]}");
        }
        return """
                {"name": "%s", "prompts": [{"type": "prompt", "value": "a city by night"}], "variables": {%s}}
                """.formatted(name, variables);
    }

    /** The smallest valid task: one subtask. */
    public static String single(String name) {
        return """
                {"name": "%s", "prompts": [{"type": "prompt", "value": "a red bicycle"}]}
                """.formatted(name);
    }
}
