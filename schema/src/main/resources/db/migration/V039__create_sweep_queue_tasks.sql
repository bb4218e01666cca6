-- One pass of the sweeper, by at most one caller at a time (a transaction-level advisory lock;
-- a caller that does not get it returns NULLs and does nothing):
--   rescued_leases  running attempts whose lease expired are failed and retried at once (or failed
--                   for good past max_attempts), logged as rescued;
--   redispatched    pending attempts never claimed within unclaimed_timeout get a fresh row (same
--                   attempt), so a lost event cannot strand a subtask;
--   moved_retries   due retries become new pending queue_tasks rows (and so Kafka records).
CREATE FUNCTION sweep_queue_tasks(unclaimed_timeout INTERVAL, batch_size INTEGER DEFAULT 500)
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
