-- Per queue and UTC day: finished attempts, ratings of the subtasks they produced, and the mean
-- generation time. Refresh with REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard_daily_stats.
CREATE MATERIALIZED VIEW dashboard_daily_stats AS
SELECT qt.queue_id,
       q.name AS queue_name,
       (qt.completed_at AT TIME ZONE 'UTC')::DATE AS day,
       count(*) FILTER (WHERE qt.status = 'completed') AS completed,
       count(*) FILTER (WHERE qt.status = 'failed') AS failed,
       count(*) FILTER (WHERE qt.status = 'completed' AND s.rating = 'good') AS good,
       count(*) FILTER (WHERE qt.status = 'completed' AND s.rating = 'poor') AS poor,
       avg(EXTRACT(EPOCH FROM (qt.completed_at - qt.started_at))) FILTER (WHERE qt.status = 'completed')
           AS avg_generation_seconds
  FROM queue_tasks qt
  JOIN task_queues q ON q.id = qt.queue_id
  JOIN subtasks s ON s.task_id = qt.task_id AND s.id = qt.subtask_id
 WHERE qt.status IN ('completed', 'failed') AND qt.completed_at IS NOT NULL
 GROUP BY qt.queue_id, q.name, (qt.completed_at AT TIME ZONE 'UTC')::DATE
WITH DATA;

CREATE UNIQUE INDEX dashboard_daily_stats_queue_day_idx ON dashboard_daily_stats (queue_id, day);
