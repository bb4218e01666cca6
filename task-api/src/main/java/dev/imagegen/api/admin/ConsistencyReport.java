package dev.imagegen.api.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/** What the database's consistency checks found (or, with fix, repaired): one list per kind of counter. */
@Schema(description = "Counters that differ from a recount; empty lists when everything agrees")
record ConsistencyReport(
        @Schema(description = "True when the drift listed was repaired, false when it was only found")
        boolean fixed,

        @Schema(description = "Tasks whose counters, progress or status differ from their subtasks")
        List<TaskDrift> tasks,

        @Schema(description = "Queues whose running count differs from their attempts in processing")
        List<QueueDrift> queues,

        @Schema(description = "Gallery counters (artworks, likes, tag usage) that differ from a recount")
        List<GalleryDrift> gallery) {

    /** A task whose kept counters differ from a recount of its subtasks. */
    @Schema(description = "A task's kept values beside the values a recount of its subtasks gives")
    record TaskDrift(
            UUID taskId,
            int totalImages,
            int expectedTotalImages,
            int processedImages,
            int expectedProcessedImages,
            @Schema(description = "Percent, 0 to 100") int progress,
            int expectedProgress,

            @Schema(allowableValues = {"pending", "processing", "completed", "failed", "cancelled"})
            String status,

            @Schema(allowableValues = {"pending", "processing", "completed", "failed", "cancelled"})
            String expectedStatus) {}

    /** A queue whose running count differs from its attempts in processing. */
    @Schema(description = "A queue's kept running count beside its attempts in processing")
    record QueueDrift(int queueId, String queueName, int currentConcurrentTasks, int expectedConcurrentTasks) {}

    /** One gallery counter that differs from a recount. */
    @Schema(description = "One gallery counter beside its recount")
    record GalleryDrift(
            @Schema(
                    description = "What the counter belongs to",
                    allowableValues = {"artwork", "tag"})
            String kind,

            @Schema(description = "The artwork's subtask id or the tag's uuid")
            String recordId,

            @Schema(
                    description =
                            "The counter; exists is 1 when the artwork row exists (actual) or should" + " (expected)",
                    allowableValues = {"exists", "image_count", "like_count", "task_count"})
            String counter,

            long actual,
            long expected) {}
}
