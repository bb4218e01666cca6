-- A failure may carry the backend's own wait (an HTTP 429 or 503 with retry-after-ms or
-- retry-after): the next attempt is then due no sooner than that, even when the queue's back-off
-- is shorter or the retry would go at once. Without a wait (NULL, the default) both functions
-- behave as before. fail_queue_task stays fenced by worker and attempt.
DROP FUNCTION fail_queue_task(BIGINT, TEXT, INTEGER, TEXT, BOOLEAN, BOOLEAN);
DROP FUNCTION settle_failed_attempt(queue_tasks, TEXT, BOOLEAN, BOOLEAN);

-- Ends a locked, running attempt with an error. A retryable error within the queue's max_attempts
-- puts the subtask back to pending (retry_count + 1) and schedules the next attempt in
-- subtask_retries, due after the back-off (or at once), and never before p_retry_after; otherwise
-- the subtask fails with the error. Returns retry_scheduled, failed or cancelled (the subtask was
-- cancelled meanwhile).
CREATE FUNCTION settle_failed_attempt(qt queue_tasks, p_error TEXT, p_retryable BOOLEAN, p_retry_at_once BOOLEAN,
                                      p_retry_after INTERVAL DEFAULT NULL)
    RETURNS TEXT
    LANGUAGE plpgsql
AS $$
DECLARE
    queue  task_queues;
    due_at TIMESTAMPTZ;
BEGIN
    SELECT * INTO queue FROM task_queues WHERE id = qt.queue_id FOR NO KEY UPDATE;
    UPDATE queue_tasks SET status = 'failed', completed_at = clock_timestamp(), lease_until = NULL, error = p_error
     WHERE id = qt.id;

    IF p_retryable AND qt.attempt < queue.max_attempts THEN
        UPDATE subtasks s SET status = 'pending', retry_count = retry_count + 1, error = p_error
         WHERE s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'processing';
        IF NOT FOUND THEN
            RETURN 'cancelled';
        END IF;
        due_at := clock_timestamp() + GREATEST(
            CASE WHEN p_retry_at_once THEN INTERVAL '0'
                 ELSE LEAST(queue.retry_backoff_max, queue.retry_backoff * power(2, qt.attempt - 1)) END,
            coalesce(p_retry_after, INTERVAL '0'));
        INSERT INTO subtask_retries (task_id, subtask_id, queue_id, priority, attempt, due_at, last_error)
        VALUES (qt.task_id, qt.subtask_id, qt.queue_id, qt.priority, qt.attempt + 1, due_at, p_error)
        ON CONFLICT (task_id, subtask_id) DO UPDATE
            SET attempt = EXCLUDED.attempt, due_at = EXCLUDED.due_at, last_error = EXCLUDED.last_error;
        PERFORM log_queue_task_event(qt, 'WARN', 'retried',
                                     jsonb_build_object('error', p_error, 'next_attempt', qt.attempt + 1, 'due_at', due_at)
                                     || CASE WHEN p_retry_after IS NULL THEN '{}'::jsonb
                                             ELSE jsonb_build_object('retry_after_ms',
                                                  round(extract(epoch FROM p_retry_after) * 1000)) END);
        RETURN 'retry_scheduled';
    END IF;

    UPDATE subtasks s SET status = 'failed', error = p_error, completed_at = clock_timestamp()
     WHERE s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'processing';
    IF NOT FOUND THEN
        RETURN 'cancelled';
    END IF;
    PERFORM log_queue_task_event(qt, 'ERROR', 'failed', jsonb_build_object('error', p_error));
    RETURN 'failed';
END
$$;

-- Reports a failed generation, fenced by worker and attempt; see settle_failed_attempt for the
-- outcomes (retry_scheduled, failed, cancelled), or lost when the attempt is no longer this worker's.
CREATE FUNCTION fail_queue_task(p_queue_task_id BIGINT, p_worker_id TEXT, p_attempt INTEGER, p_error TEXT,
                                p_retryable BOOLEAN, p_retry_at_once BOOLEAN DEFAULT FALSE,
                                p_retry_after INTERVAL DEFAULT NULL)
    RETURNS TEXT
    LANGUAGE plpgsql
AS $$
DECLARE
    qt queue_tasks;
BEGIN
    SELECT * INTO qt FROM queue_tasks WHERE id = p_queue_task_id FOR UPDATE;
    IF NOT FOUND OR qt.status <> 'processing' OR qt.worker_id IS DISTINCT FROM p_worker_id OR qt.attempt <> p_attempt THEN
        RETURN 'lost';
    END IF;
    RETURN settle_failed_attempt(qt, p_error, p_retryable, p_retry_at_once, p_retry_after);
END
$$;
