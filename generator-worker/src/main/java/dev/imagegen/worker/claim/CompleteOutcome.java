package dev.imagegen.worker.claim;

import java.util.Locale;

/** What {@code complete_queue_task(s)} answered for one attempt. */
public enum CompleteOutcome {
    COMPLETED,
    /** The subtask was cancelled during generation; the result was discarded. */
    CANCELLED,
    /** The attempt is no longer this worker's (its lease expired and it was rescued). */
    LOST;

    static CompleteOutcome of(String sql) {
        return valueOf(sql.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
