package dev.imagegen.api.progress;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The data of one {@code subtasks} event: the subtasks that changed since the stream's previous one. */
@Schema(
        name = "SubtaskChanges",
        description = "Sent as a subtasks event at most every 250 ms: each subtask that changed since the previous"
                + " event, once, in its latest state")
record SubtaskChanges(
        @Schema(description = "One entry per changed subtask")
        List<SubtaskChange> changes) {}
