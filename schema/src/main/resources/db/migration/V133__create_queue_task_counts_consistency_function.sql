-- Queues whose counters (queue_task_counts) disagree with their attempts: pending and processing
-- must equal a recount; a finished status may count more than the rows left (retention deletes
-- finished attempts and their counts stay), never fewer.
CREATE FUNCTION check_queue_task_counts_consistency()
    RETURNS TABLE (queue_id INTEGER, queue_name VARCHAR, status TEXT, counted BIGINT, recounted BIGINT)
    LANGUAGE sql STABLE
AS $$
WITH counted AS (
    SELECT c.queue_id, sum(c.pending) AS pending, sum(c.processing) AS processing,
           sum(c.completed) AS completed, sum(c.failed) AS failed, sum(c.cancelled) AS cancelled
      FROM queue_task_counts c GROUP BY c.queue_id
), recounted AS (
    SELECT qt.queue_id, qt.status, count(*) AS n FROM queue_tasks qt GROUP BY qt.queue_id, qt.status
)
SELECT q.id, q.name, s.status, s.counted, coalesce(r.n, 0)
  FROM task_queues q
  LEFT JOIN counted c ON c.queue_id = q.id
  CROSS JOIN LATERAL (VALUES ('pending', coalesce(c.pending, 0)::BIGINT),
                             ('processing', coalesce(c.processing, 0)::BIGINT),
                             ('completed', coalesce(c.completed, 0)::BIGINT),
                             ('failed', coalesce(c.failed, 0)::BIGINT),
                             ('cancelled', coalesce(c.cancelled, 0)::BIGINT)) AS s (status, counted)
  LEFT JOIN recounted r ON r.queue_id = q.id AND r.status = s.status
 WHERE CASE WHEN s.status IN ('pending', 'processing') THEN s.counted <> coalesce(r.n, 0)
            ELSE s.counted < coalesce(r.n, 0) END
 ORDER BY q.id, s.status
$$;
