package dev.imagegen.worker.provenance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The text chunks of one stored PNG: A1111's {@code parameters} (see {@link Infotext}), then the
 * ids that lead back to the work ({@code imagegen:task_id}, {@code imagegen:subtask_id},
 * {@code imagegen:attempt}), the backend, and the prompt as written when it was polished.
 */
public final class Provenance {

    private Provenance() {}

    public static Map<String, String> texts(
            String infotext, UUID taskId, UUID subtaskId, int attempt, String backend, String originalPrompt) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("parameters", infotext);
        texts.put("imagegen:task_id", taskId.toString());
        texts.put("imagegen:subtask_id", subtaskId.toString());
        texts.put("imagegen:attempt", String.valueOf(attempt));
        texts.put("imagegen:backend", backend);
        if (originalPrompt != null) {
            texts.put("imagegen:original_prompt", originalPrompt);
        }
        return texts;
    }
}
