-- The task's progress row is written when the transaction commits, not by each statement.
--
-- A subtask statement's counter changes (V015) are added to a transaction-local accumulator; a
-- deferred trigger applies them to the tasks rows, in task id order, as the transaction commits.
-- A settle used to take the task's row with its first statement and hold it through the attempts'
-- update, the admission that refills the queue, the task log and the commit: every worker settling
-- attempts of one task waited for the whole transaction of the one before it (78.6 s of 124.9 s of
-- settle time in the 4-worker bench run under admission, which keeps the workers on the oldest
-- task). Now the row is held only from the flush to the commit.
--
-- The counters stay exact: the flush adds to the latest committed values under the row lock, as
-- before, so the status rule (V014) still sees every subtask, and the lock order of a settle is now
-- the queue's row (its attempts' slots) before the task's. A failure report used to lock the task's
-- row first to match the old order (V151); it now takes the queue's row first, as a settle does.
--
-- Whoever reads a task's counters in the transaction that moved its subtasks calls
-- flush_task_counters() first (enqueue_task_backlog does); the lifecycle events' task_progress
-- (V053) adds what is still unflushed, so it stays "the task's progress right after this change".
--
-- The accumulator is a transaction-local setting: a rolled-back subtransaction (the settle's
-- retry under the queue rows' locks) takes its changes back with it, as it does its trigger events.

CREATE TYPE task_counter_delta AS (
    task_id    UUID,
    total      INTEGER,
    processing INTEGER,
    completed  INTEGER,
    failed     INTEGER,
    cancelled  INTEGER
);

-- What this transaction changed in each task's counters and has not written yet.
CREATE FUNCTION unflushed_task_counters()
    RETURNS SETOF task_counter_delta
    LANGUAGE sql
    STABLE
AS $$
    SELECT d.task_id, sum(d.total)::INTEGER, sum(d.processing)::INTEGER, sum(d.completed)::INTEGER,
           sum(d.failed)::INTEGER, sum(d.cancelled)::INTEGER
      FROM unnest(coalesce(nullif(current_setting('imagegen.task_counter_deltas', true), ''),
                           '{}')::task_counter_delta[]) AS d
     GROUP BY d.task_id
$$;

-- Writes what this transaction changed in its tasks' counters, in task id order.
CREATE FUNCTION flush_task_counters()
    RETURNS VOID
    LANGUAGE plpgsql
AS $$
DECLARE
    d RECORD;
BEGIN
    IF coalesce(current_setting('imagegen.task_counter_deltas', true), '') = '' THEN
        RETURN;
    END IF;
    FOR d IN
        SELECT * FROM unflushed_task_counters() u
         WHERE u.total <> 0 OR u.processing <> 0 OR u.completed <> 0 OR u.failed <> 0 OR u.cancelled <> 0
         ORDER BY u.task_id
    LOOP
        UPDATE tasks
           SET total_images        = total_images + d.total,
               processing_subtasks = processing_subtasks + d.processing,
               completed_subtasks  = completed_subtasks + d.completed,
               failed_subtasks     = failed_subtasks + d.failed,
               cancelled_subtasks  = cancelled_subtasks + d.cancelled
         WHERE id = d.task_id;
    END LOOP;
    -- Emptied after the writes: a trigger on tasks that moves subtasks adds to it again.
    PERFORM set_config('imagegen.task_counter_deltas', '', true);
END
$$;

-- A statement's subtask changes, one aggregate per task, added to the accumulator.
CREATE OR REPLACE FUNCTION apply_subtask_status_changes(changes subtask_status_change[])
    RETURNS VOID
    LANGUAGE plpgsql
AS $$
DECLARE
    added task_counter_delta[];
BEGIN
    SELECT array_agg(ROW(per_task.task_id, per_task.total, per_task.processing, per_task.completed,
                         per_task.failed, per_task.cancelled)::task_counter_delta)
      INTO added
      FROM (SELECT c.task_id,
                   coalesce(sum(c.sign), 0)::INTEGER AS total,
                   coalesce(sum(c.sign) FILTER (WHERE c.status = 'processing'), 0)::INTEGER AS processing,
                   coalesce(sum(c.sign) FILTER (WHERE c.status = 'completed'), 0)::INTEGER AS completed,
                   coalesce(sum(c.sign) FILTER (WHERE c.status = 'failed'), 0)::INTEGER AS failed,
                   coalesce(sum(c.sign) FILTER (WHERE c.status = 'cancelled'), 0)::INTEGER AS cancelled
              FROM unnest(changes) AS c
             GROUP BY c.task_id) AS per_task
     WHERE total <> 0 OR processing <> 0 OR completed <> 0 OR failed <> 0 OR cancelled <> 0;
    IF added IS NULL THEN
        RETURN;
    END IF;
    PERFORM set_config('imagegen.task_counter_deltas',
                       (coalesce(nullif(current_setting('imagegen.task_counter_deltas', true), ''), '{}')::task_counter_delta[]
                        || added)::TEXT,
                       true);
END
$$;

-- Fires once per changed subtask row as the transaction commits; the first firing writes
-- everything, the others find the accumulator empty.
CREATE FUNCTION flush_task_counters_at_commit()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM flush_task_counters();
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER subtasks_flush_task_counters
    AFTER INSERT OR UPDATE OF status, task_id OR DELETE ON subtasks
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION flush_task_counters_at_commit();

-- The submission reads the task's total in its own transaction.
CREATE OR REPLACE FUNCTION enqueue_task_backlog(p_task_id UUID)
    RETURNS INTEGER
    LANGUAGE plpgsql
AS $$
DECLARE
    t   RECORD;
    low DOUBLE PRECISION;
BEGIN
    PERFORM flush_task_counters();
    SELECT id, queue_id, user_id, priority, created_at, total_images INTO t FROM tasks WHERE id = p_task_id;
    IF NOT FOUND OR t.queue_id IS NULL OR t.total_images = 0 THEN
        RETURN 0;
    END IF;
    INSERT INTO queue_backlog (task_id, queue_id, user_id, priority, created_at, total)
    VALUES (t.id, t.queue_id, t.user_id, t.priority, t.created_at, t.total_images);

    -- Neither idle time nor past use carries over: a user with nothing waiting enters at the lowest
    -- pass among the users who wait (and, served longest ago, goes first among equals), and keeps its
    -- pass while its work waits.
    SELECT min(w.pass) INTO low FROM queue_shares w WHERE w.queue_id = t.queue_id AND w.waiting > 0;
    INSERT INTO queue_shares AS s (queue_id, user_id, pass, waiting)
    VALUES (t.queue_id, t.user_id, coalesce(low, 0), 1)
    ON CONFLICT (queue_id, user_id) DO UPDATE
       SET waiting = s.waiting + 1,
           pass = CASE WHEN s.waiting > 0 THEN s.pass ELSE coalesce(low, s.pass) END;

    RETURN admit_queue_tasks(t.queue_id);
END
$$;


-- The task's progress right after this statement: its row plus what is not yet flushed.
CREATE FUNCTION task_progress_now(p_task_id UUID)
    RETURNS SMALLINT
    LANGUAGE sql
    STABLE
AS $$
    SELECT CASE WHEN t.total_images + coalesce(u.total, 0) > 0
                THEN LEAST(100, ROUND((t.completed_subtasks + t.failed_subtasks
                                       + coalesce(u.completed, 0) + coalesce(u.failed, 0)) * 100.0
                                      / (t.total_images + coalesce(u.total, 0))))
                ELSE 0 END::SMALLINT
      FROM tasks t
      LEFT JOIN unflushed_task_counters() u ON u.task_id = t.id
     WHERE t.id = p_task_id
$$;

CREATE OR REPLACE FUNCTION emit_subtask_status_changes()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    -- Transition tables carry no statistics: without this the planner may pair old and new rows
    -- with a nested loop, quadratic in the rows of the statement (38 s for 10,000 rows).
    SET enable_nestloop = off
AS $$
DECLARE
    changes JSONB;
BEGIN
    SELECT jsonb_agg(jsonb_build_object(
               'kind', 'subtask',
               'task_id', n.task_id,
               'subtask_id', n.id,
               'old_status', o.status,
               'new_status', n.status,
               'retry_count', n.retry_count,
               'task_progress', p.progress,
               'changed_at', n.updated_at) ORDER BY n.task_id, n.id)
      INTO changes
      FROM new_rows n
      JOIN old_rows o ON o.task_id = n.task_id AND o.id = n.id
      JOIN (SELECT x.task_id, task_progress_now(x.task_id) AS progress
              FROM (SELECT DISTINCT n2.task_id FROM new_rows n2) AS x) AS p ON p.task_id = n.task_id
     WHERE o.status IS DISTINCT FROM n.status;
    IF changes IS NOT NULL THEN
        PERFORM pg_logical_emit_message(true, 'imagegen.lifecycle', changes::text);
    END IF;
    RETURN NULL;
END
$$;

-- A failure report takes the queue's row, then (at commit) the task's, as a settle does. The rest
-- of the function is as in V151.
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

