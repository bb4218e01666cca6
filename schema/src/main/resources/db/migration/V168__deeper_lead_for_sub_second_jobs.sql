-- A deeper lead for a queue of very short jobs.
--
-- The window's lead (V160, V164) was half the queue's starts of the last second: enough to cover half
-- a second of the event path, so that no slot waits for a record. A queue whose jobs are over in a
-- fraction of a second (a no-op or failing backend, a cache) hands its slots off in batches: each
-- worker reports what finished and claims the records it holds in one transaction. There a lead of
-- half a second splits the batches small (records reach each worker a few at a time), and every
-- transaction pays its fixed cost all along the path: settle, Debezium, Kafka, the worker's poll. In
-- the bench's 4-process no-op run (limit 64, about 330 starts/s) throughput rose with a fixed lead:
-- about 190 subtasks/s at the adaptive lead (~150), 194-251 at 100, 260-307 at 300, 313-337 at
-- 1,000, 311-340 with everything admitted at once.
--
-- So a queue whose jobs hold their slots for under half a second on average (its last 50 starts of the
-- last minute that have ended) keeps three seconds of its pace admitted; a newcomer there waits about
-- three seconds. The pace is the larger of its starts of the last second and what its slots allow at
-- that job length, so that a queue coming back from idle does not climb from a lead of 2 over several
-- seconds. Only while one user's work waits, though: with several users waiting, their turns are
-- what matters, and a deep lead would let each worker's claims drift from the admission order (the
-- claim's order check, V167, only sees attempts already refused a slot). A queue of longer jobs, or
-- without recent ones, keeps the lead it had, and with it the newcomer's wait of a couple of
-- hand-offs. admission_window still overrides the lead; the rest is as in V164.
CREATE FUNCTION admission_lead(p_queue_id INTEGER, p_now TIMESTAMPTZ)
    RETURNS INTEGER
    LANGUAGE sql
    STABLE
AS $$
    SELECT coalesce(q.admission_window,
                    CASE WHEN j.held < interval '500 milliseconds'
                              AND NOT EXISTS (SELECT 1 FROM queue_shares o
                                               WHERE o.queue_id = q.id AND o.waiting > 0
                                                 AND o.user_id <> (SELECT min(f.user_id) FROM queue_shares f
                                                                    WHERE f.queue_id = q.id AND f.waiting > 0))
                         THEN least(10000, 3 * greatest(s.pace,
                                                        round(q.max_concurrent_tasks
                                                              / greatest(extract(epoch FROM j.held), 0.001))))
                         ELSE greatest(2, s.pace / 2)
                    END)::INTEGER
      FROM task_queues q,
           LATERAL (SELECT count(*)::INTEGER AS pace
                      FROM (SELECT 1 FROM queue_tasks qt
                             WHERE qt.queue_id = q.id AND qt.started_at > p_now - interval '1 second'
                             LIMIT 20000) AS x) AS s,
           LATERAL (SELECT avg(r.completed_at - r.started_at) AS held
                      FROM (SELECT qt.started_at, qt.completed_at FROM queue_tasks qt
                             WHERE qt.queue_id = q.id AND qt.started_at > p_now - interval '1 minute'
                             ORDER BY qt.started_at DESC
                             LIMIT 50) AS r
                     WHERE r.completed_at IS NOT NULL) AS j
     WHERE q.id = p_queue_id
$$;

CREATE OR REPLACE FUNCTION admission_room(p_queue_id INTEGER, p_now TIMESTAMPTZ)
    RETURNS INTEGER
    LANGUAGE sql
    STABLE
AS $$
    SELECT CASE WHEN NOT q.is_active THEN 0
                WHEN r.room < greatest(1, w.size / 4) AND p.waiting >= w.free THEN 0
                ELSE r.room
           END
      FROM task_queues q,
           LATERAL (SELECT greatest(q.max_concurrent_tasks - q.current_concurrent_tasks, 0) AS free) AS f,
           LATERAL (SELECT f.free AS free, f.free + admission_lead(q.id, p_now) AS size) AS w,
           -- Read from the queue's counters (V130): the same cost with a few pending attempts or many.
           LATERAL (SELECT coalesce(sum(c.pending), 0) AS waiting
                      FROM queue_task_counts c WHERE c.queue_id = q.id) AS p,
           LATERAL (SELECT greatest(0, least(
                               w.size - p.waiting,
                               CASE WHEN q.rate_limit_per_minute IS NULL THEN 2147483647
                                    ELSE q.rate_limit_per_minute - p.waiting
                                         - (SELECT count(*) FROM queue_tasks qt
                                             WHERE qt.queue_id = q.id
                                               AND qt.started_at > p_now - interval '60 seconds')
                               END))::INTEGER AS room) AS r
     WHERE q.id = p_queue_id
$$;
