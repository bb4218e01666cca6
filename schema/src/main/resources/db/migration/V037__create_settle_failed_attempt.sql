-- Ends a locked, running attempt with an error. A retryable error within the queue's max_attempts
-- puts the subtask back to pending (retry_count + 1) and schedules the next attempt in
-- subtask_retries, due after the back-off (or at once); otherwise the subtask fails with the error.
-- Returns retry_scheduled, failed or cancelled (the subtask was cancelled meanwhile).
CREATE FUNCTION settle_failed_attempt(qt queue_tasks, p_error TEXT, p_retryable BOOLEAN, p_retry_at_once BOOLEAN)
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
        due_at := clock_timestamp() + CASE WHEN p_retry_at_once THEN INTERVAL '0'
            ELSE LEAST(queue.retry_backoff_max, queue.retry_backoff * power(2, qt.attempt - 1)) END;
        INSERT INTO subtask_retries (task_id, subtask_id, queue_id, priority, attempt, due_at, last_error)
        VALUES (qt.task_id, qt.subtask_id, qt.queue_id, qt.priority, qt.attempt + 1, due_at, p_error)
        ON CONFLICT (task_id, subtask_id) DO UPDATE
            SET attempt = EXCLUDED.attempt, due_at = EXCLUDED.due_at, last_error = EXCLUDED.last_error;
        PERFORM log_queue_task_event(qt, 'WARN', 'retried',
                                     jsonb_build_object('error', p_error, 'next_attempt', qt.attempt + 1, 'due_at', due_at));
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
