package dev.imagegen.api.submit;

import dev.imagegen.api.task.Settings;
import dev.imagegen.api.task.Tag;
import dev.imagegen.api.task.TaskVariable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;

/**
 * A task as submitted (the seed's shape). {@link SubmissionReader} checks the body as sent before it binds here, so
 * that each refusal names the exact JSON path; the limits it applies are those of {@code GET /api/limits}.
 */
@Schema(
        name = "NewTask",
        description = "A task to submit: fixed tags, variables whose values combine into subtasks, and settings. At"
                + " least one tag must carry prompt text, fixed or in a tag variable. Limits: GET /api/limits.",
        example = NewTask.EXAMPLE)
record NewTask(
        @NotBlank
        @Schema(
                description = "The task's name",
                example = "幻想风景生成任务",
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = 255)
        String name,

        @Schema(description = "1 (lowest) to 10; default 1", example = "1", nullable = true)
        Integer priority,

        @Pattern(regexp = "ops|dev")
        @Schema(
                description = "The backend endpoint; null: the default one",
                allowableValues = {"ops", "dev"},
                nullable = true)
        String makeApiQueue,

        @Schema(description = "Fixed tags, in every subtask's prompt", nullable = true)
        List<@Valid Tag> prompts,

        Settings.Ratio ratio,
        Settings.Seed seed,
        Settings.BatchSize batchSize,
        Settings.Polish polish,

        @Schema(
                description = "Variables v0..v5; the task makes one subtask per combination of their values",
                nullable = true)
        Map<String, TaskVariable> variables,

        @Schema(
                description = "Generation parameters by name (GET /api/limits lists them): a value, {\"value\":"
                        + " …}, or {\"is_variable\": true, \"variable_id\": \"v1\"} naming a variable of the"
                        + " parameter's type",
                example = "{\"steps\": 30, \"cfg_scale\": 7.5}",
                nullable = true)
        Map<String, Object> parameters) {

    /** The seed's sample task: two variables of two values each, so four subtasks. */
    static final String EXAMPLE = """
            {"name": "幻想风景生成任务", "priority": 1,
             "prompts": [{"uuid": "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e01", "type": "prompt",
                          "value": "fantasy landscape, floating islands", "weight": 1.0, "name": "风景"}],
             "ratio": {"value": "16:9", "is_variable": false, "variable_id": null},
             "seed": {"value": null, "is_variable": false, "variable_id": null},
             "batch_size": {"value": 1, "is_variable": false, "variable_id": null},
             "polish": {"value": true, "is_variable": false, "variable_id": null},
             "variables": {
               "v0": {"type": "prompt", "values": [
                 {"uuid": "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e02", "type": "prompt", "value": "sunrise", "weight": 1.0,
                  "name": "日出"},
                 {"uuid": "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e03", "type": "prompt", "value": "moonlit night",
                  "weight": 1.2, "name": "月夜"}]},
               "v1": {"type": "element", "values": [
                 {"uuid": "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e04", "type": "element", "value": "waterfalls",
                  "weight": 1.0, "name": "瀑布"},
                 {"uuid": "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e05", "type": "element", "value": "cherry blossoms",
                  "weight": 1.0, "name": "樱花"}]}}}""";
}
