-- Extends a running attempt's lease, fenced by worker and attempt: renewed, cancelled (the lease is
-- still extended; the worker should stop and report) or lost (the attempt is no longer this worker's).
CREATE FUNCTION renew_lease(p_queue_task_id BIGINT, p_worker_id TEXT, p_attempt INTEGER, p_lease INTERVAL)
    RETURNS TEXT
    LANGUAGE plpgsql
AS $$
DECLARE
    qt queue_tasks;
BEGIN
    UPDATE queue_tasks SET lease_until = clock_timestamp() + p_lease
     WHERE id = p_queue_task_id AND status = 'processing' AND worker_id = p_worker_id AND attempt = p_attempt
    RETURNING * INTO qt;
    IF NOT FOUND THEN
        RETURN 'lost';
    END IF;
    IF EXISTS (SELECT 1 FROM subtasks s WHERE s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'cancelled') THEN
        RETURN 'cancelled';
    END IF;
    RETURN 'renewed';
END
$$;
