-- Per-queue counts of attempts by status, so that queue_status reads O(queues) rows instead of
-- aggregating every queue_tasks row ever written (200 ms at 400,000 rows, growing linearly).
--
-- A queue's counts are the sum of its stripes. Concurrent claims and completions of one queue
-- would all wait on one counter row, the kind of hot row the claim path was freed of; instead each
-- database session writes the stripe its backend and the queue hash to (V131), so two sessions
-- share a row for a queue with probability 1/64, and for two queues with 1/4096 (which is what a
-- lock-order deadlock between two multi-queue transactions would need). A stripe may go negative
-- (a session counts an attempt out that another counted in); only the sums mean anything.
--
-- Counts are history: an attempt deleted when it is finished (retention, a cascade) stays counted;
-- only pending and processing attempts are counted out when deleted.
--
-- Not in the dispatcher's publication (imagegen_dispatch, V051), which names queue_tasks only.
CREATE TABLE queue_task_counts (
    queue_id          INTEGER  NOT NULL,
    stripe            SMALLINT NOT NULL,
    pending           BIGINT   NOT NULL DEFAULT 0,
    processing        BIGINT   NOT NULL DEFAULT 0,
    completed         BIGINT   NOT NULL DEFAULT 0,
    failed            BIGINT   NOT NULL DEFAULT 0,
    cancelled         BIGINT   NOT NULL DEFAULT 0,
    -- Completed attempts with both timestamps, and the sum of their run times: the average.
    timed_completions BIGINT   NOT NULL DEFAULT 0,
    completed_seconds NUMERIC  NOT NULL DEFAULT 0,
    PRIMARY KEY (queue_id, stripe),
    CONSTRAINT fk_queue_task_counts_queue FOREIGN KEY (queue_id) REFERENCES task_queues (id) ON DELETE CASCADE,
    CONSTRAINT check_queue_task_counts_stripe CHECK (stripe BETWEEN 0 AND 63)
-- Room on each page for the new row version: counter updates stay HOT (no index entry written).
) WITH (fillfactor = 50);

-- What one statement changes in one queue's counts.
CREATE TYPE queue_task_count_delta AS (
    queue_id          INTEGER,
    pending           BIGINT,
    processing        BIGINT,
    completed         BIGINT,
    failed            BIGINT,
    cancelled         BIGINT,
    timed_completions BIGINT,
    completed_seconds NUMERIC
);
