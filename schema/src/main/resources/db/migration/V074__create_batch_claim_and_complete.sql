-- Set-based claim and completion: one statement per table for a whole batch of attempts, so the
-- queue row, the slot counter, the task counters and the lifecycle message are touched once per
-- batch instead of once per attempt. Every attempt gets its own outcome; one that cannot run is
-- answered, never an error that aborts its batch. Locks follow the single-attempt functions'
-- order: queue_tasks rows (id order) -> task_queues rows (id order) -> subtasks rows.

-- Claims the attempts p_ids for a worker. Outcomes per attempt, as claim_queue_task answers them:
--   claimed, not_found, not_pending, not_yet, queue_paused, queue_full.
-- Within one queue, attempts take the free slots in the order of p_ids; the rest answer queue_full.
CREATE FUNCTION claim_queue_tasks(p_ids BIGINT[], p_worker_id TEXT, p_lease INTERVAL)
    RETURNS TABLE (queue_task_id BIGINT, outcome TEXT)
    LANGUAGE plpgsql
AS $$
DECLARE
    now_ts    TIMESTAMPTZ := clock_timestamp();
    q         RECORD;
    eligible  BIGINT[] := '{}';
    started   BIGINT[] := '{}';
    outcomes  JSONB := '{}'::jsonb;
BEGIN
    PERFORM 1 FROM queue_tasks qt WHERE qt.id = ANY (p_ids) ORDER BY qt.id FOR UPDATE;

    FOR q IN
        SELECT tq.id, tq.is_active, greatest(tq.max_concurrent_tasks - tq.current_concurrent_tasks, 0) AS free
          FROM task_queues tq
         WHERE tq.id IN (SELECT qt.queue_id FROM queue_tasks qt WHERE qt.id = ANY (p_ids) AND qt.status = 'pending')
         ORDER BY tq.id
           FOR NO KEY UPDATE
    LOOP
        -- The queue's due attempts in the caller's order: the first `free` may run.
        SELECT outcomes || coalesce(jsonb_object_agg(d.id::TEXT,
                   CASE WHEN NOT q.is_active THEN 'queue_paused'
                        WHEN d.rank <= q.free THEN 'eligible'
                        ELSE 'queue_full' END), '{}'::jsonb),
               eligible || coalesce(array_agg(d.id) FILTER (WHERE q.is_active AND d.rank <= q.free), '{}')
          INTO outcomes, eligible
          FROM (SELECT qt.id, row_number() OVER (ORDER BY i.ord) AS rank
                  FROM unnest(p_ids) WITH ORDINALITY AS i (id, ord)
                  JOIN queue_tasks qt ON qt.id = i.id
                 WHERE qt.queue_id = q.id AND qt.status = 'pending'
                   AND (qt.not_before IS NULL OR qt.not_before <= now_ts)) AS d;
    END LOOP;

    -- Re-checked under the subtasks' row locks, so a cancel that commits first always wins.
    WITH s AS (
        UPDATE subtasks s SET status = 'processing', started_at = now_ts
          FROM queue_tasks qt
         WHERE qt.id = ANY (eligible) AND s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'pending'
           AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = qt.task_id AND t.status = 'cancelled')
        RETURNING qt.id
    )
    SELECT coalesce(array_agg(s.id), '{}') INTO started FROM s;

    IF cardinality(started) < cardinality(eligible) THEN
        -- Attempts whose subtask or task is no longer pending are never started.
        UPDATE subtasks s SET status = 'cancelled'
          FROM queue_tasks qt
         WHERE qt.id = ANY (eligible) AND NOT qt.id = ANY (started)
           AND s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'pending';
        UPDATE queue_tasks qt SET status = 'cancelled', completed_at = now_ts, error = 'subtask is no longer pending'
         WHERE qt.id = ANY (eligible) AND NOT qt.id = ANY (started);
    END IF;

    IF cardinality(started) > 0 THEN
        WITH c AS (
            UPDATE queue_tasks qt
               SET status = 'processing', worker_id = p_worker_id, started_at = now_ts,
                   lease_until = now_ts + p_lease, error = NULL
             WHERE qt.id = ANY (started)
            RETURNING qt.*
        )
        INSERT INTO task_logs (task_id, subtask_id, log_level, message, details)
        SELECT c.task_id, c.subtask_id, 'INFO', 'started',
               jsonb_build_object('queue_task_id', c.id, 'queue_id', c.queue_id, 'attempt', c.attempt,
                                  'worker_id', c.worker_id)
          FROM c;
    END IF;

    RETURN QUERY
    SELECT i.id,
           CASE WHEN qt.id IS NULL THEN 'not_found'
                WHEN i.id = ANY (started) THEN 'claimed'
                WHEN qt.status <> 'pending' OR i.id = ANY (eligible) THEN 'not_pending'
                WHEN qt.not_before IS NOT NULL AND qt.not_before > now_ts THEN 'not_yet'
                ELSE coalesce(outcomes ->> i.id::TEXT, 'not_pending') END
      FROM (SELECT DISTINCT ON (u.id) u.id, u.ord FROM unnest(p_ids) WITH ORDINALITY AS u (id, ord) ORDER BY u.id, u.ord) AS i
      LEFT JOIN queue_tasks qt ON qt.id = i.id
     ORDER BY i.ord;
END
$$;

-- Reports finished generations, fenced by worker and attempt. p_results[k] is the result of
-- p_ids[k] (NULL: the generation was stopped because the subtask was cancelled). Outcomes per
-- attempt: completed, cancelled (the subtask was cancelled meanwhile; the result is discarded) or
-- lost (the attempt is no longer this worker's).
CREATE FUNCTION complete_queue_tasks(p_ids BIGINT[], p_worker_id TEXT, p_attempts INTEGER[], p_results JSONB[])
    RETURNS TABLE (queue_task_id BIGINT, outcome TEXT)
    LANGUAGE plpgsql
AS $$
DECLARE
    now_ts    TIMESTAMPTZ := clock_timestamp();
    fenced    BIGINT[];
    completed BIGINT[];
BEGIN
    SELECT coalesce(array_agg(l.id), '{}') INTO fenced
      FROM (SELECT qt.id
              FROM queue_tasks qt
              JOIN unnest(p_ids, p_attempts) AS i (id, attempt) ON i.id = qt.id AND i.attempt = qt.attempt
             WHERE qt.status = 'processing' AND qt.worker_id = p_worker_id
             ORDER BY qt.id
               FOR UPDATE OF qt) AS l;
    PERFORM 1 FROM task_queues tq
     WHERE tq.id IN (SELECT qt.queue_id FROM queue_tasks qt WHERE qt.id = ANY (fenced))
     ORDER BY tq.id
       FOR NO KEY UPDATE;

    WITH s AS (
        UPDATE subtasks s SET status = 'completed', result = i.result, error = NULL, completed_at = now_ts
          FROM unnest(p_ids, p_attempts, p_results) AS i (id, attempt, result)
          JOIN queue_tasks qt ON qt.id = i.id AND qt.attempt = i.attempt
         WHERE qt.id = ANY (fenced) AND i.result IS NOT NULL
           AND s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'processing'
        RETURNING qt.id
    )
    SELECT coalesce(array_agg(s.id), '{}') INTO completed FROM s;

    WITH c AS (
        UPDATE queue_tasks qt
           SET status = CASE WHEN qt.id = ANY (completed) THEN 'completed' ELSE 'cancelled' END,
               completed_at = now_ts, lease_until = NULL,
               error = CASE WHEN qt.id = ANY (completed) THEN qt.error
                            ELSE 'subtask cancelled during generation; result discarded' END
         WHERE qt.id = ANY (fenced)
        RETURNING qt.*
    )
    INSERT INTO task_logs (task_id, subtask_id, log_level, message, details)
    SELECT c.task_id, c.subtask_id, 'INFO', 'completed',
           jsonb_build_object('queue_task_id', c.id, 'queue_id', c.queue_id, 'attempt', c.attempt,
                              'worker_id', c.worker_id)
      FROM c WHERE c.status = 'completed';

    RETURN QUERY
    SELECT i.id,
           CASE WHEN i.id = ANY (completed) THEN 'completed'
                WHEN i.id = ANY (fenced) THEN 'cancelled'
                ELSE 'lost' END
      FROM unnest(p_ids) WITH ORDINALITY AS i (id, ord)
     ORDER BY i.ord;
END
$$;

-- The slot notification moves to commit time and is sent only when the queue, as committed, can
-- take a claim. A transaction that completes attempts and claims the next ones for the same queue
-- (a slot handed over) frees and takes the slot again before it commits: nobody is woken for a
-- slot that never became free. Deferred constraint triggers fire at commit for each queued event;
-- notifications with the same payload within one transaction are sent once.
DROP TRIGGER task_queues_notify_slot_freed ON task_queues;

CREATE OR REPLACE FUNCTION notify_queue_slot_freed()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM task_queues tq
                WHERE tq.id = NEW.id AND tq.is_active AND tq.current_concurrent_tasks < tq.max_concurrent_tasks) THEN
        PERFORM pg_notify('imagegen_queue_slot_freed', NEW.name);
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER task_queues_notify_slot_freed AFTER UPDATE ON task_queues
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (NEW.current_concurrent_tasks < OLD.current_concurrent_tasks
       OR NEW.max_concurrent_tasks > OLD.max_concurrent_tasks
       OR (NEW.is_active AND NOT OLD.is_active))
    EXECUTE FUNCTION notify_queue_slot_freed();
