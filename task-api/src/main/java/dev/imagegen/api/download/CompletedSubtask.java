package dev.imagegen.api.download;

import dev.imagegen.api.task.SubtaskResult;
import dev.imagegen.api.task.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A completed subtask as the download reads it: where it sits in the expansion order ({@code cursor}, its
 * variable_indices as stored) and what the manifest says of it.
 */
record CompletedSubtask(
        UUID id,
        String cursor,
        Map<String, Integer> variableIndices,
        List<Tag> prompts,
        String ratio,
        Long seed,
        SubtaskResult result,
        String rating,
        String evaluation) {

    /** Every image of the batch; a result written before batches had lists names only its first. */
    List<SubtaskResult.Image> images() {
        if (result == null) {
            return List.of();
        }
        if (result.images() != null && !result.images().isEmpty()) {
            return result.images();
        }
        return result.url() == null
                ? List.of()
                : List.of(new SubtaskResult.Image(result.url(), result.width(), result.height(), result.seed()));
    }

    /** The prompt the images were made from: as the worker sent it, else the prompt's tags joined. */
    String prompt() {
        if (result != null && result.metadata() != null && result.metadata().get("prompt") instanceof String sent) {
            return sent;
        }
        return String.join(", ", prompts.stream().map(Tag::value).toList());
    }
}
