-- claim_queue_task answers 'not_found' apart from 'not_pending'. Logical decoding can hand a
-- transaction to the dispatcher as soon as its commit record is flushed, a moment before the
-- committing backend makes it visible to other snapshots; on a busy machine a worker can receive
-- the record inside that moment and not see the row. A missing row is therefore asked for again
-- by the worker, while an attempt that is no longer pending is skipped at once.
-- Otherwise unchanged from V034. Numbered after the last landed migration, so databases that
-- already run V072 apply it in order.
CREATE OR REPLACE FUNCTION claim_queue_task(p_queue_task_id BIGINT, p_worker_id TEXT, p_lease INTERVAL)
    RETURNS TEXT
    LANGUAGE plpgsql
AS $$
DECLARE
    qt    queue_tasks;
    queue task_queues;
BEGIN
    SELECT * INTO qt FROM queue_tasks WHERE id = p_queue_task_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'not_found';
    END IF;
    IF qt.status <> 'pending' THEN
        RETURN 'not_pending';
    END IF;
    IF qt.not_before IS NOT NULL AND qt.not_before > clock_timestamp() THEN
        RETURN 'not_yet';
    END IF;

    SELECT * INTO queue FROM task_queues WHERE id = qt.queue_id FOR NO KEY UPDATE;
    IF NOT queue.is_active THEN
        RETURN 'queue_paused';
    END IF;
    IF queue.current_concurrent_tasks >= queue.max_concurrent_tasks THEN
        RETURN 'queue_full';
    END IF;

    -- Re-checked under the subtask's row lock, so a cancel that commits first always wins.
    UPDATE subtasks s SET status = 'processing', started_at = clock_timestamp()
     WHERE s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'pending'
       AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = qt.task_id AND t.status = 'cancelled');
    IF NOT FOUND THEN
        UPDATE subtasks s SET status = 'cancelled'
         WHERE s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'pending';
        UPDATE queue_tasks SET status = 'cancelled', completed_at = clock_timestamp(),
                               error = 'subtask is no longer pending'
         WHERE id = qt.id;
        RETURN 'not_pending';
    END IF;

    UPDATE queue_tasks
       SET status = 'processing', worker_id = p_worker_id, started_at = clock_timestamp(),
           lease_until = clock_timestamp() + p_lease, error = NULL
     WHERE id = qt.id
    RETURNING * INTO qt;
    PERFORM log_queue_task_event(qt, 'INFO', 'started');
    RETURN 'claimed';
END
$$;
