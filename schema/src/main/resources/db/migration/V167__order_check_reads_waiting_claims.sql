-- The claim's order check (V161) reads the attempts that wait for a slot, not every pending one.
--
-- A worker that finishes an attempt hands its slot to a record it holds only when the free slots also
-- cover the older attempts of other tasks that wait elsewhere. V161 counted as waiting every older
-- pending attempt (up to 256 of them per batch, V165), with a heap read for each: 27 ms per settle in
-- the bench's 4-process run with every attempt admitted at once, and a quarter of a settle's time with
-- admission's window. An attempt only waits for a slot once its worker has asked for it and been
-- refused; until then it is on its way (Debezium, Kafka), and its worker will ask as soon as it
-- arrives. So a refused claim now leaves a row in queue_claim_waits (for the oldest refused attempt
-- of each task), and the check reads those rows: a few per queue, whatever its pending count and
-- history. A hand-off may thus go ahead of an older record that has not reached its worker yet; the
-- next hand-off after that worker asks yields to it.
--
-- A wait lives only while its worker keeps asking: every refusal renews it, and a blocked worker asks
-- again at least every second (a freed slot's notification, or its lane's fallback). One not renewed
-- for 3 s belongs to a worker that stopped, lost the record or was handed it elsewhere, and holds
-- nothing back, so a worker that is gone never stalls the others' hand-offs.
--
-- The table is unlogged: after a crash it starts empty, which only lets the next hand-offs ignore the
-- order for as long as the refused workers take to ask again.

CREATE UNLOGGED TABLE queue_claim_waits (
    queue_task_id BIGINT      PRIMARY KEY,
    queue_id      INTEGER     NOT NULL,
    task_id       UUID        NOT NULL,
    since         TIMESTAMPTZ NOT NULL
);

CREATE INDEX queue_claim_waits_queue_idx ON queue_claim_waits (queue_id, queue_task_id);

-- Read only by the check this migration replaces.
DROP INDEX queue_tasks_pending_order_idx;

CREATE OR REPLACE FUNCTION settle_queue_tasks(
    p_worker_id TEXT,
    p_lease INTERVAL,
    p_done_ids BIGINT[],
    p_done_attempts INTEGER[],
    p_done_results JSONB[],
    p_claim_ids BIGINT[])
    RETURNS TABLE (queue_task_id BIGINT, kind TEXT, outcome TEXT)
    LANGUAGE plpgsql
    -- A batch names a few dozen subtasks by key. Without these the planner, which cannot tell how
    -- many ids an array holds, hash-joins them against every partition of subtasks: a scan of the
    -- whole table per batch (12 ms at 50,000 subtasks, growing with history). A nested loop reads
    -- each subtask by its primary key in the one partition it lives in.
    SET enable_hashjoin = off
    SET enable_mergejoin = off
AS $$
DECLARE
    now_ts    TIMESTAMPTZ := clock_timestamp();
    fenced    BIGINT[];
    eligible  BIGINT[];
    refused   BIGINT[];
    started   BIGINT[];
    completed BIGINT[];
    outcomes  JSONB;
    locked    BOOLEAN := FALSE;
BEGIN
    PERFORM 1 FROM queue_tasks qt WHERE qt.id = ANY (p_done_ids || p_claim_ids) ORDER BY qt.id FOR UPDATE;

    SELECT coalesce(array_agg(qt.id), '{}') INTO fenced
      FROM queue_tasks qt
      JOIN unnest(p_done_ids, p_done_attempts) AS i (id, attempt) ON i.id = qt.id AND i.attempt = qt.attempt
     WHERE qt.status = 'processing' AND qt.worker_id = p_worker_id;

    -- A queue under a rate limit counts its last minute's starts under its row lock, so that two
    -- settles cannot both take its last start: such a batch locks its queue rows from the start.
    locked := EXISTS (SELECT 1 FROM task_queues tq
                       WHERE tq.rate_limit_per_minute IS NOT NULL
                         AND tq.id IN (SELECT qt.queue_id FROM queue_tasks qt WHERE qt.id = ANY (p_claim_ids)));

    LOOP
        IF locked THEN
            PERFORM 1 FROM task_queues tq
             WHERE tq.id IN (SELECT qt.queue_id FROM queue_tasks qt WHERE qt.id = ANY (fenced || p_claim_ids))
             ORDER BY tq.id
               FOR NO KEY UPDATE;
        END IF;

        -- Per queue, the due pending attempts in the caller's order take the free slots, counting
        -- the slots this batch's completions give back.
        WITH freed AS (
            SELECT qt.queue_id, count(*) AS n FROM queue_tasks qt WHERE qt.id = ANY (fenced) GROUP BY qt.queue_id
        ), q AS (
            SELECT tq.id, tq.is_active,
                   greatest(tq.max_concurrent_tasks - tq.current_concurrent_tasks + coalesce(f.n, 0), 0) AS free,
                   CASE WHEN tq.rate_limit_per_minute IS NULL THEN 2147483647
                        ELSE greatest(tq.rate_limit_per_minute
                                      - (SELECT count(*) FROM queue_tasks s
                                          WHERE s.queue_id = tq.id AND s.started_at > now_ts - interval '60 seconds'),
                                      0)
                   END AS rate_free
              FROM task_queues tq LEFT JOIN freed f ON f.queue_id = tq.id
        ), c AS (
            SELECT qt.id, qt.queue_id, qt.task_id, row_number() OVER (PARTITION BY qt.queue_id ORDER BY qt.id) AS rank
              FROM unnest(p_claim_ids) AS i (id)
              JOIN queue_tasks qt ON qt.id = i.id
             WHERE qt.status = 'pending' AND (qt.not_before IS NULL OR qt.not_before <= now_ts)
        ), o AS MATERIALIZED (
            -- Attempts of the batch's queues that another worker asked for and was refused for want of a
            -- slot, and that still wait: those go first, so they keep the slots they need. A handful of
            -- rows whatever the queue's pending count; one not asked for again in 3 s (its worker gone)
            -- no longer holds others back.
            SELECT w.queue_task_id AS id, w.queue_id, w.task_id
              FROM queue_claim_waits w
              JOIN queue_tasks p ON p.id = w.queue_task_id AND p.status = 'pending'
             WHERE w.queue_id IN (SELECT c.queue_id FROM c)
               AND w.since > now_ts - interval '3 seconds'
               AND NOT w.queue_task_id = ANY (p_claim_ids)
               AND (p.not_before IS NULL OR p.not_before <= now_ts)
        ), d AS (
            SELECT c.id, c.queue_id, c.rank,
                   (SELECT count(*) FROM o WHERE o.queue_id = c.queue_id AND o.id < c.id AND o.task_id <> c.task_id)
                       AS ahead
              FROM c
        )
        SELECT coalesce(jsonb_object_agg(d.id::TEXT, CASE WHEN NOT q.is_active THEN 'queue_paused'
                                                          WHEN d.rank + d.ahead <= q.free AND d.rank <= q.rate_free THEN 'eligible'
                                                          ELSE 'queue_full' END), '{}'::jsonb),
               coalesce(array_agg(d.id) FILTER (WHERE q.is_active AND d.rank + d.ahead <= q.free AND d.rank <= q.rate_free), '{}'),
               coalesce(array_agg(d.id) FILTER (WHERE q.is_active AND NOT (d.rank + d.ahead <= q.free AND d.rank <= q.rate_free)), '{}')
          INTO outcomes, eligible, refused
          FROM d JOIN q ON q.id = d.queue_id;

        BEGIN
            -- Subtasks, one statement: finished ones complete, claimed ones start. Each change is
            -- re-checked under the subtask's row lock, so a cancel that commits first always wins.
            WITH x AS (
                SELECT qt.id, qt.task_id, qt.subtask_id, 'processing'::subtask_status AS status_now,
                       'completed'::subtask_status AS status_new, i.result
                  FROM unnest(p_done_ids, p_done_attempts, p_done_results) AS i (id, attempt, result)
                  JOIN queue_tasks qt ON qt.id = i.id AND qt.attempt = i.attempt
                 WHERE qt.id = ANY (fenced) AND i.result IS NOT NULL
                UNION ALL
                SELECT qt.id, qt.task_id, qt.subtask_id, 'pending', 'processing', NULL
                  FROM queue_tasks qt
                 WHERE qt.id = ANY (eligible)
                   AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = qt.task_id AND t.status = 'cancelled')
            ), s AS (
                UPDATE subtasks s
                   SET status = x.status_new,
                       started_at = CASE WHEN x.status_new = 'processing' THEN now_ts ELSE s.started_at END,
                       completed_at = CASE WHEN x.status_new = 'completed' THEN now_ts ELSE s.completed_at END,
                       result = CASE WHEN x.status_new = 'completed' THEN x.result ELSE s.result END,
                       error = CASE WHEN x.status_new = 'completed' THEN NULL ELSE s.error END
                  FROM x
                 WHERE s.task_id = x.task_id AND s.id = x.subtask_id AND s.status = x.status_now
                RETURNING x.id, x.status_new
            )
            SELECT coalesce(array_agg(s.id) FILTER (WHERE s.status_new = 'completed'), '{}'),
                   coalesce(array_agg(s.id) FILTER (WHERE s.status_new = 'processing'), '{}')
              INTO completed, started
              FROM s;

            IF cardinality(started) < cardinality(eligible) THEN
                -- Attempts whose subtask or task is no longer pending are never started.
                UPDATE subtasks s SET status = 'cancelled'
                  FROM queue_tasks qt
                 WHERE qt.id = ANY (eligible) AND NOT qt.id = ANY (started)
                   AND s.task_id = qt.task_id AND s.id = qt.subtask_id AND s.status = 'pending';
            END IF;

            -- Attempts, one statement: the slot counter nets the queue's changes out.
            WITH c AS (
                UPDATE queue_tasks qt
                   SET status = CASE WHEN qt.id = ANY (started) THEN 'processing'
                                     WHEN qt.id = ANY (completed) THEN 'completed'
                                     ELSE 'cancelled' END,
                       worker_id = CASE WHEN qt.id = ANY (started) THEN p_worker_id ELSE qt.worker_id END,
                       started_at = CASE WHEN qt.id = ANY (started) THEN now_ts ELSE qt.started_at END,
                       lease_until = CASE WHEN qt.id = ANY (started) THEN now_ts + p_lease END,
                       completed_at = CASE WHEN qt.id = ANY (started) THEN qt.completed_at ELSE now_ts END,
                       error = CASE WHEN qt.id = ANY (started) THEN NULL
                                    WHEN qt.id = ANY (completed) THEN qt.error
                                    WHEN qt.id = ANY (fenced) THEN 'subtask cancelled during generation; result discarded'
                                    ELSE 'subtask is no longer pending' END
                 WHERE qt.id = ANY (fenced || eligible)
                RETURNING qt.*
            )
            -- One log entry per task and event for the whole batch, listing its attempts: a row per
            -- attempt would pay a foreign-key lookup into the partitioned subtasks for each. The
            -- subtask is named when the entry covers one attempt.
            INSERT INTO task_logs (task_id, subtask_id, log_level, message, details)
            SELECT e.task_id, CASE WHEN count(*) = 1 THEN (array_agg(e.subtask_id))[1] END, 'INFO', e.message,
                   jsonb_build_object('queue_id', e.queue_id, 'worker_id', p_worker_id, 'count', count(*),
                                      'attempts', jsonb_agg(jsonb_build_object('queue_task_id', e.id,
                                                                               'subtask_id', e.subtask_id,
                                                                               'attempt', e.attempt) ORDER BY e.id))
              FROM (SELECT c.*, CASE WHEN c.status = 'processing' THEN 'started' ELSE 'completed' END AS message
                      FROM c WHERE c.status IN ('processing', 'completed')) AS e
             GROUP BY e.task_id, e.queue_id, e.message;
        EXCEPTION WHEN check_violation THEN
            -- Another worker took the slots first: once more, under the queue rows' locks.
            IF locked THEN
                RAISE;
            END IF;
            locked := TRUE;
            CONTINUE;
        END;
        EXIT;
    END LOOP;

    -- The order check's memory: a refused attempt waits for a slot from now on, renewed by each refusal;
    -- an attempt that ran, or was turned away for good, waits no more.
    IF cardinality(refused) > 0 THEN
        DELETE FROM queue_claim_waits w
         WHERE w.queue_id IN (SELECT qt.queue_id FROM queue_tasks qt WHERE qt.id = ANY (refused))
           AND w.since <= now_ts - interval '3 seconds';
        -- The oldest refused attempt of each task stands for the task's others (its worker claims them in
        -- order): the table holds a row or two per waiting worker, not every record a worker holds.
        INSERT INTO queue_claim_waits (queue_task_id, queue_id, task_id, since)
        SELECT DISTINCT ON (qt.queue_id, qt.task_id) qt.id, qt.queue_id, qt.task_id, now_ts
          FROM queue_tasks qt WHERE qt.id = ANY (refused)
         ORDER BY qt.queue_id, qt.task_id, qt.id
            ON CONFLICT ON CONSTRAINT queue_claim_waits_pkey DO UPDATE SET since = excluded.since;
    END IF;
    IF cardinality(eligible) > 0 THEN
        DELETE FROM queue_claim_waits w WHERE w.queue_task_id = ANY (eligible);
    END IF;

    RETURN QUERY
    SELECT i.id, 'complete',
           CASE WHEN i.id = ANY (completed) THEN 'completed'
                WHEN i.id = ANY (fenced) THEN 'cancelled'
                ELSE 'lost' END
      FROM unnest(p_done_ids) WITH ORDINALITY AS i (id, ord)
     ORDER BY i.ord;

    RETURN QUERY
    SELECT i.id, 'claim',
           CASE WHEN qt.id IS NULL THEN 'not_found'
                WHEN i.id = ANY (started) THEN 'claimed'
                WHEN qt.status <> 'pending' OR i.id = ANY (eligible) THEN 'not_pending'
                WHEN qt.not_before IS NOT NULL AND qt.not_before > now_ts THEN 'not_yet'
                -- Pending now but not seen when the claims were chosen: the attempt became visible during
                -- this call (its record can arrive a moment before its commit is visible, see V073). The
                -- worker looks it up again; not_pending would make it skip the record for good.
                ELSE coalesce(outcomes ->> i.id::TEXT, 'not_found') END
      FROM unnest(p_claim_ids) WITH ORDINALITY AS i (id, ord)
      LEFT JOIN queue_tasks qt ON qt.id = i.id
     ORDER BY i.ord;
END
$$;
