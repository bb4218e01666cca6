-- The sweep of V039, answering what it did per queue, kind and reason, so that workers can count
-- rescues and retries by queue: one row for every queue and pair below, zeros included, so every
-- counter exists from the first sweep on. sweep_queue_tasks keeps its signature and its totals
-- (NULLs when another sweeper holds the lock) and now sums these rows.
--   rescues  lease_expired  running attempts whose lease expired: failed, then retried at once
--                           (or failed for good past max_attempts)
--   rescues  not_claimed    pending attempts never claimed within unclaimed_timeout, dispatched again
--   retries  lease_expired  due retries of an attempt the sweeper rescued, now new queue_tasks rows
--   retries  failed         due retries of an attempt a worker reported failed, now new queue_tasks rows
-- The lock is the same transaction-level advisory lock, taken again by the wrapper (it stacks).
CREATE FUNCTION sweep_queue_tasks_by_queue(unclaimed_timeout INTERVAL, batch_size INTEGER DEFAULT 500)
    RETURNS TABLE (queue_name TEXT, kind TEXT, reason TEXT, count INTEGER)
    LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    qt            queue_tasks;
    rescued       INTEGER[] := '{}';
    unclaimed     INTEGER[] := '{}';
    moved_queues  INTEGER[];
    moved_reasons TEXT[];
BEGIN
    IF pg_try_advisory_xact_lock(hashtext('imagegen.sweep_queue_tasks')) THEN
        FOR qt IN
            SELECT * FROM queue_tasks
             WHERE status = 'processing' AND lease_until < clock_timestamp()
             ORDER BY lease_until LIMIT batch_size
               FOR UPDATE SKIP LOCKED
        LOOP
            PERFORM log_queue_task_event(qt, 'WARN', 'rescued',
                                         jsonb_build_object('reason', 'lease expired', 'lease_until', qt.lease_until));
            PERFORM settle_failed_attempt(qt, 'lease expired on worker ' || coalesce(qt.worker_id, '?'), TRUE, TRUE);
            rescued := rescued || qt.queue_id;
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
            unclaimed := unclaimed || qt.queue_id;
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
            RETURNING queue_tasks.queue_id, queue_tasks.task_id, queue_tasks.subtask_id
        )
        -- The rescue above writes this error; any other is a failure a worker reported.
        SELECT array_agg(m.queue_id),
               array_agg(CASE WHEN d.last_error LIKE 'lease expired on worker %' THEN 'lease_expired' ELSE 'failed' END)
          INTO moved_queues, moved_reasons
          FROM moved m JOIN due d ON d.task_id = m.task_id AND d.subtask_id = m.subtask_id;
    END IF;

    RETURN QUERY
    WITH events (queue_id, kind, reason) AS (
        SELECT r.q, 'rescues', 'lease_expired' FROM unnest(rescued) AS r (q)
        UNION ALL
        SELECT u.q, 'rescues', 'not_claimed' FROM unnest(unclaimed) AS u (q)
        UNION ALL
        SELECT m.q, 'retries', m.r FROM unnest(moved_queues, moved_reasons) AS m (q, r)
    )
    SELECT q.name::TEXT, k.kind, k.reason,
           (SELECT count(*)::INTEGER FROM events e
             WHERE e.queue_id = q.id AND e.kind = k.kind AND e.reason = k.reason)
      FROM task_queues q
     CROSS JOIN (VALUES ('rescues', 'lease_expired'), ('rescues', 'not_claimed'),
                        ('retries', 'lease_expired'), ('retries', 'failed')) AS k (kind, reason)
     ORDER BY q.name, k.kind, k.reason;
END
$$;

CREATE OR REPLACE FUNCTION sweep_queue_tasks(unclaimed_timeout INTERVAL, batch_size INTEGER DEFAULT 500)
    RETURNS TABLE (rescued_leases INTEGER, redispatched INTEGER, moved_retries INTEGER)
    LANGUAGE plpgsql
AS $$
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('imagegen.sweep_queue_tasks')) THEN
        RETURN NEXT;
        RETURN;
    END IF;
    RETURN QUERY
    SELECT coalesce(sum(s.count) FILTER (WHERE s.kind = 'rescues' AND s.reason = 'lease_expired'), 0)::INTEGER,
           coalesce(sum(s.count) FILTER (WHERE s.kind = 'rescues' AND s.reason = 'not_claimed'), 0)::INTEGER,
           coalesce(sum(s.count) FILTER (WHERE s.kind = 'retries'), 0)::INTEGER
      FROM sweep_queue_tasks_by_queue(unclaimed_timeout, batch_size) s;
END
$$;
