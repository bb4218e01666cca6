package dev.imagegen.apiclient;

/** A task body in the submission's JSON shape, as another team would write it. */
final class SampleTask {

    private SampleTask() {}

    /** The seed's sample task, reduced: one fixed prompt and a style variable of three values (three subtasks). */
    static String threeStyles(String name) {
        return """
                {
                  "name": "%s",
                  "priority": 1,
                  "prompts": [{"type": "prompt", "value": "a quiet lake at dawn", "weight": 1.0}],
                  "ratio": {"value": "16:9", "is_variable": false, "variable_id": null},
                  "variables": {
                    "v0": {"type": "prompt", "values": [
                      {"type": "prompt", "value": "oil painting"},
                      {"type": "prompt", "value": "watercolor"},
                      {"type": "prompt", "value": "ink sketch"}]}
                  }
                }
                """.formatted(name);
    }
}
