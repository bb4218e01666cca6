-- Admission in chunks. A settle that frees a few slots used to admit as many attempts at once: an
-- INSERT into queue_tasks of a handful of rows, with its statement triggers and the advisory lock,
-- in most settles (672 admissions for 5,000 attempts in the 4-worker bench run, 9.7 ms each).
-- Now, while the admitted attempts still cover every free slot, a queue admits only once its room
-- reaches a quarter of its window; a queue whose admitted attempts no longer cover its free slots
-- admits at once, whatever the room, so no slot waits for it. The window and the rate limit are
-- as in V160.
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
           LATERAL (SELECT f.free AS free,
                           f.free + coalesce(q.admission_window,
                                             greatest(2, (SELECT count(*)
                                                            FROM (SELECT 1 FROM queue_tasks qt
                                                                   WHERE qt.queue_id = q.id
                                                                     AND qt.started_at > p_now - interval '1 second'
                                                                   LIMIT 20000) AS x) / 2))
                               AS size) AS w,
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
