-- Reports a finished generation, fenced by worker and attempt: completed (the subtask takes the
-- result), cancelled (the subtask was cancelled meanwhile; the result is discarded) or lost.
CREATE FUNCTION complete_queue_task(p_queue_task_id BIGINT, p_worker_id TEXT, p_attempt INTEGER, p_result JSONB)
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
    PERFORM 1 FROM task_queues WHERE id = qt.queue_id FOR NO KEY UPDATE;

    UPDATE subtasks s SET status = 'completed', result = p_result, error = NULL, completed_at = clock_timestamp()
     WHERE s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'processing';
    IF NOT FOUND THEN
        UPDATE queue_tasks SET status = 'cancelled', completed_at = clock_timestamp(), lease_until = NULL,
                               error = 'subtask cancelled during generation; result discarded'
         WHERE id = qt.id;
        RETURN 'cancelled';
    END IF;

    UPDATE queue_tasks SET status = 'completed', completed_at = clock_timestamp(), lease_until = NULL
     WHERE id = qt.id
    RETURNING * INTO qt;
    PERFORM log_queue_task_event(qt, 'INFO', 'completed');
    RETURN 'completed';
END
$$;
