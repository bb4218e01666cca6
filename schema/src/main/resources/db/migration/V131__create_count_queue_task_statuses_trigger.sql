-- Keeps queue_task_counts (V130) equal to queue_status's former aggregate over queue_tasks.
--
-- Statement-level, like the slot counter (V016), whose transition tables it shares: a settle of a
-- batch of attempts writes one counter row per queue it touches, not one per attempt. The
-- session's stripe is the same for all its statements, so a transaction updates the same row
-- again (a HOT update of a row it already holds) and never waits on another session's row unless
-- the two hash to the same stripe. Queues are applied in id order, as everywhere else.
--
-- An UPDATE that changes no status or run time (a lease renewal) nets to zero and writes nothing.
CREATE FUNCTION apply_queue_task_count_deltas(deltas queue_task_count_delta[])
    RETURNS VOID
    LANGUAGE plpgsql
AS $$
DECLARE
    d      RECORD;
    d_stripe SMALLINT;
BEGIN
    FOR d IN
        SELECT x.queue_id,
               coalesce(x.pending, 0) AS pending, coalesce(x.processing, 0) AS processing,
               coalesce(x.completed, 0) AS completed, coalesce(x.failed, 0) AS failed,
               coalesce(x.cancelled, 0) AS cancelled, coalesce(x.timed_completions, 0) AS timed_completions,
               coalesce(x.completed_seconds, 0) AS completed_seconds
          FROM unnest(deltas) AS x
         WHERE coalesce(x.pending, 0) <> 0 OR coalesce(x.processing, 0) <> 0 OR coalesce(x.completed, 0) <> 0
            OR coalesce(x.failed, 0) <> 0 OR coalesce(x.cancelled, 0) <> 0
            OR coalesce(x.timed_completions, 0) <> 0 OR coalesce(x.completed_seconds, 0) <> 0
         ORDER BY x.queue_id
    LOOP
        d_stripe := (hashint8((pg_backend_pid()::BIGINT << 32) | d.queue_id) & 63)::SMALLINT;
        UPDATE queue_task_counts c
           SET pending = c.pending + d.pending,
               processing = c.processing + d.processing,
               completed = c.completed + d.completed,
               failed = c.failed + d.failed,
               cancelled = c.cancelled + d.cancelled,
               timed_completions = c.timed_completions + d.timed_completions,
               completed_seconds = c.completed_seconds + d.completed_seconds
         WHERE c.queue_id = d.queue_id AND c.stripe = d_stripe;
        IF NOT FOUND THEN
            -- The stripe's first write. A queue being deleted (its attempts cascading) has no counts left.
            INSERT INTO queue_task_counts AS c (queue_id, stripe, pending, processing, completed, failed, cancelled,
                                                timed_completions, completed_seconds)
            SELECT q.id, d_stripe, d.pending, d.processing, d.completed, d.failed, d.cancelled,
                   d.timed_completions, d.completed_seconds
              FROM task_queues q WHERE q.id = d.queue_id
            ON CONFLICT (queue_id, stripe) DO UPDATE
               SET pending = c.pending + EXCLUDED.pending,
                   processing = c.processing + EXCLUDED.processing,
                   completed = c.completed + EXCLUDED.completed,
                   failed = c.failed + EXCLUDED.failed,
                   cancelled = c.cancelled + EXCLUDED.cancelled,
                   timed_completions = c.timed_completions + EXCLUDED.timed_completions,
                   completed_seconds = c.completed_seconds + EXCLUDED.completed_seconds;
        END IF;
    END LOOP;
END
$$;

-- One attempt row counted in (+1) or out (-1), summed per queue.
CREATE FUNCTION count_queue_task_statuses()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM apply_queue_task_count_deltas(ARRAY(
            SELECT ROW(r.queue_id,
                       count(*) FILTER (WHERE r.status = 'pending'),
                       count(*) FILTER (WHERE r.status = 'processing'),
                       count(*) FILTER (WHERE r.status = 'completed'),
                       count(*) FILTER (WHERE r.status = 'failed'),
                       count(*) FILTER (WHERE r.status = 'cancelled'),
                       count(r.completed_at - r.started_at) FILTER (WHERE r.status = 'completed'),
                       sum(EXTRACT(EPOCH FROM r.completed_at - r.started_at)) FILTER (WHERE r.status = 'completed')
                   )::queue_task_count_delta
              FROM new_rows r GROUP BY r.queue_id));
    ELSIF TG_OP = 'UPDATE' THEN
        -- Old rows out, new rows in: what did not change cancels out.
        PERFORM apply_queue_task_count_deltas(ARRAY(
            SELECT ROW(r.queue_id,
                       sum(r.sign) FILTER (WHERE r.status = 'pending'),
                       sum(r.sign) FILTER (WHERE r.status = 'processing'),
                       sum(r.sign) FILTER (WHERE r.status = 'completed'),
                       sum(r.sign) FILTER (WHERE r.status = 'failed'),
                       sum(r.sign) FILTER (WHERE r.status = 'cancelled'),
                       sum(r.sign) FILTER (WHERE r.status = 'completed' AND r.completed_at - r.started_at IS NOT NULL),
                       sum(r.sign * EXTRACT(EPOCH FROM r.completed_at - r.started_at)) FILTER (WHERE r.status = 'completed')
                   )::queue_task_count_delta
              FROM (SELECT o.queue_id, -1 AS sign, o.status, o.started_at, o.completed_at FROM old_rows o
                    UNION ALL
                    SELECT n.queue_id, 1, n.status, n.started_at, n.completed_at FROM new_rows n) AS r
             GROUP BY r.queue_id));
    ELSE
        -- Finished attempts stay counted (history); waiting and running ones are no longer there.
        PERFORM apply_queue_task_count_deltas(ARRAY(
            SELECT ROW(r.queue_id,
                       -count(*) FILTER (WHERE r.status = 'pending'),
                       -count(*) FILTER (WHERE r.status = 'processing'),
                       0, 0, 0, 0, 0)::queue_task_count_delta
              FROM old_rows r WHERE r.status IN ('pending', 'processing') GROUP BY r.queue_id));
    END IF;
    RETURN NULL;
END
$$;

-- Creating the triggers locks queue_tasks against writes until this migration commits, so the
-- backfill below counts exactly the rows the triggers did not see.
CREATE TRIGGER queue_tasks_count_status_inserts AFTER INSERT ON queue_tasks
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_queue_task_statuses();
CREATE TRIGGER queue_tasks_count_status_updates AFTER UPDATE ON queue_tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_queue_task_statuses();
CREATE TRIGGER queue_tasks_count_status_deletes AFTER DELETE ON queue_tasks
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_queue_task_statuses();

INSERT INTO queue_task_counts (queue_id, stripe, pending, processing, completed, failed, cancelled,
                               timed_completions, completed_seconds)
SELECT qt.queue_id, 0,
       count(*) FILTER (WHERE qt.status = 'pending'),
       count(*) FILTER (WHERE qt.status = 'processing'),
       count(*) FILTER (WHERE qt.status = 'completed'),
       count(*) FILTER (WHERE qt.status = 'failed'),
       count(*) FILTER (WHERE qt.status = 'cancelled'),
       count(qt.completed_at - qt.started_at) FILTER (WHERE qt.status = 'completed'),
       coalesce(sum(EXTRACT(EPOCH FROM qt.completed_at - qt.started_at)) FILTER (WHERE qt.status = 'completed'), 0)
  FROM queue_tasks qt
 GROUP BY qt.queue_id;
