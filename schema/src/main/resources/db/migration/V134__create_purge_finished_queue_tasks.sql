-- Retention for queue_tasks (the outbox and the attempts' history), so the table and its indexes
-- stop growing with history. Deletes finished attempts (completed, failed, cancelled) that
-- finished before now() - retention, in one bounded window of ids per call, each call its own
-- short transaction (task-api's DatabaseMaintenance walks the windows).
--
-- Kept whatever their age:
--   - every attempt of a subtask that is not finished (pending or processing: a retry may be
--     waiting, an attempt may be running);
--   - the latest attempt of a failed subtask: a retry of the task continues from its queue and
--     attempt number (task-api's action package reads it).
-- The subtask keeps its result, error and retry count; queue_status keeps counting the deleted
-- attempts (V131 counts out only pending and processing ones). The dispatcher never sees these
-- deletes: its publication carries inserts only (V051).
--
-- The window is the next batch_size ids after after_id (the primary key, no index on times): the
-- caller passes last_id back, and stops when more is false (the window reached the end of the
-- table, or attempts enqueued after the cutoff, which cannot have finished before it). Attempts
-- another transaction holds locked are skipped, never waited for.
CREATE FUNCTION purge_finished_queue_tasks(retention INTERVAL, after_id BIGINT DEFAULT 0, batch_size INTEGER DEFAULT 1000)
    RETURNS TABLE (deleted INTEGER, last_id BIGINT, more BOOLEAN)
    LANGUAGE plpgsql
    -- One subtask per attempt, read by its key in its one partition, as in settle_queue_tasks (V074).
    SET enable_hashjoin = off
    SET enable_mergejoin = off
AS $$
DECLARE
    cutoff        TIMESTAMPTZ := now() - retention;
    scanned       INTEGER;
    window_end    BIGINT;
    last_enqueued TIMESTAMPTZ;
BEGIN
    SELECT count(*), max(w.id), (array_agg(w.enqueued_at ORDER BY w.id DESC))[1]
      INTO scanned, window_end, last_enqueued
      FROM (SELECT qt.id, qt.enqueued_at FROM queue_tasks qt
             WHERE qt.id > after_id ORDER BY qt.id LIMIT batch_size) AS w;

    IF scanned = 0 THEN
        RETURN QUERY SELECT 0, after_id, FALSE;
        RETURN;
    END IF;

    DELETE FROM queue_tasks qt
     WHERE qt.id IN (
           SELECT c.id
             FROM queue_tasks c
             JOIN subtasks s ON s.task_id = c.task_id AND s.id = c.subtask_id
            WHERE c.id > after_id AND c.id <= window_end
              AND c.status IN ('completed', 'failed', 'cancelled')
              AND coalesce(c.completed_at, c.enqueued_at) < cutoff
              AND s.status IN ('completed', 'failed', 'cancelled')
              AND NOT (s.status = 'failed'
                       AND NOT EXISTS (SELECT 1 FROM queue_tasks n
                                        WHERE n.task_id = c.task_id AND n.subtask_id = c.subtask_id
                                          AND n.id > c.id))
              FOR UPDATE OF c SKIP LOCKED);
    GET DIAGNOSTICS deleted = ROW_COUNT;

    RETURN QUERY SELECT deleted, window_end, scanned = batch_size AND last_enqueued < cutoff;
END
$$;
