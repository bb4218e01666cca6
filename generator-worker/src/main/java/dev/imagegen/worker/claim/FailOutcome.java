package dev.imagegen.worker.claim;

import java.util.Locale;

/** What {@code fail_queue_task} answered. */
public enum FailOutcome {
    RETRY_SCHEDULED,
    FAILED,
    /** The subtask was cancelled meanwhile. */
    CANCELLED,
    /** The attempt is no longer this worker's. */
    LOST;

    static FailOutcome of(String sql) {
        return valueOf(sql.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
