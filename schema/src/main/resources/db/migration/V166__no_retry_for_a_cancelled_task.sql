-- A failed or rescued attempt of a cancelled task is not retried. The sweeper rescued the expired
-- lease of a subtask still running when its task was cancelled like any other: back to pending, a
-- retry due at once, and a new attempt on the dispatch topic after the cancel, which the claim then
-- turned away (FairShareTest saw one on a loaded machine). Now such a subtask is cancelled with its
-- attempt. The rest of the function is as in V163.
CREATE OR REPLACE FUNCTION settle_failed_attempt(qt queue_tasks, p_error TEXT, p_retryable BOOLEAN, p_retry_at_once BOOLEAN,
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

    -- A cancelled task's running subtask ends with its attempt: a retry would publish work after the
    -- cancel only for the claim to turn it away.
    IF EXISTS (SELECT 1 FROM tasks t WHERE t.id = qt.task_id AND t.status = 'cancelled') THEN
        UPDATE subtasks s SET status = 'cancelled', error = p_error, completed_at = clock_timestamp()
         WHERE s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'processing';
        PERFORM log_queue_task_event(qt, 'WARN', 'cancelled', jsonb_build_object('error', p_error));
        RETURN 'cancelled';
    END IF;

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

