package dev.imagegen.worker.claim;

import java.util.Locale;

/** What {@code renew_lease} answered. */
public enum RenewOutcome {
    RENEWED,
    /** The subtask was cancelled: the lease was still extended, the generation should stop and report. */
    CANCELLED,
    /** The attempt is no longer this worker's. */
    LOST;

    static RenewOutcome of(String sql) {
        return valueOf(sql.toUpperCase(Locale.ROOT));
    }
}
