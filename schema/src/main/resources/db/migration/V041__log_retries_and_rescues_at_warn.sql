-- Retries and rescues are logged at WARN, the level name the rest of the system (and the log view) uses.

CREATE OR REPLACE FUNCTION settle_failed_attempt(qt queue_tasks, p_error TEXT, p_retryable BOOLEAN, p_retry_at_once BOOLEAN)
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

CREATE OR REPLACE FUNCTION sweep_queue_tasks(unclaimed_timeout INTERVAL, batch_size INTEGER DEFAULT 500)
    RETURNS TABLE (rescued_leases INTEGER, redispatched INTEGER, moved_retries INTEGER)
    LANGUAGE plpgsql
AS $$
DECLARE
    qt queue_tasks;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('imagegen.sweep_queue_tasks')) THEN
        RETURN NEXT;
        RETURN;
    END IF;
    rescued_leases := 0;
    redispatched := 0;

    FOR qt IN
        SELECT * FROM queue_tasks
         WHERE status = 'processing' AND lease_until < clock_timestamp()
         ORDER BY lease_until LIMIT batch_size
           FOR UPDATE SKIP LOCKED
    LOOP
        PERFORM log_queue_task_event(qt, 'WARN', 'rescued',
                                     jsonb_build_object('reason', 'lease expired', 'lease_until', qt.lease_until));
        PERFORM settle_failed_attempt(qt, 'lease expired on worker ' || coalesce(qt.worker_id, '?'), TRUE, TRUE);
        rescued_leases := rescued_leases + 1;
    END LOOP;

    FOR qt IN
        SELECT * FROM queue_tasks
         WHERE status = 'pending' AND greatest(enqueued_at, not_before) < clock_timestamp() - unclaimed_timeout
           -- A paused queue's records are expected to wait.
           AND queue_id IN (SELECT id FROM task_queues WHERE is_active)
         ORDER BY id LIMIT batch_size
           FOR UPDATE SKIP LOCKED
    LOOP
        UPDATE queue_tasks SET status = 'failed', completed_at = clock_timestamp(),
                               error = 'not claimed within ' || unclaimed_timeout
         WHERE id = qt.id;
        INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority, attempt, not_before)
        VALUES (qt.queue_id, qt.task_id, qt.subtask_id, qt.priority, qt.attempt, qt.not_before);
        PERFORM log_queue_task_event(qt, 'WARN', 'rescued',
                                     jsonb_build_object('reason', 'not claimed within ' || unclaimed_timeout));
        redispatched := redispatched + 1;
    END LOOP;

    WITH due AS (
        DELETE FROM subtask_retries r
         WHERE (r.task_id, r.subtask_id) IN (
               SELECT task_id, subtask_id FROM subtask_retries
                WHERE due_at <= clock_timestamp()
                ORDER BY due_at LIMIT batch_size
                  FOR UPDATE SKIP LOCKED)
        RETURNING r.*
    ), moved AS (
        -- A retry of a subtask cancelled while it waited is dropped with it.
        INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority, attempt, not_before)
        SELECT d.queue_id, d.task_id, d.subtask_id, d.priority, d.attempt, d.due_at
          FROM due d JOIN subtasks s ON s.task_id = d.task_id AND s.id = d.subtask_id
         WHERE s.status = 'pending'
        RETURNING 1
    )
    SELECT count(*)::INTEGER INTO moved_retries FROM moved;
    RETURN NEXT;
END
$$;
