package dev.imagegen.worker.claim;

/** What {@code claim_queue_task} answered. */
public enum ClaimOutcome {
    CLAIMED,
    QUEUE_FULL,
    QUEUE_PAUSED,
    NOT_PENDING,
    /** No such row visible (yet): see migration V073. */
    NOT_FOUND,
    NOT_YET;

    static ClaimOutcome of(String sql) {
        return valueOf(sql.toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether the record must wait for the queue rather than be skipped. */
    public boolean mustWait() {
        return this == QUEUE_FULL || this == QUEUE_PAUSED || this == NOT_YET;
    }
}
