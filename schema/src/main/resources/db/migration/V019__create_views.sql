-- The seed's views. task_details reads the counters the triggers keep instead of re-counting
-- statuses; only ratings are aggregated, within the task's own partition.
CREATE VIEW task_details AS
SELECT t.id,
       t.name,
       t.user_id,
       t.status,
       t.priority,
       t.make_api_queue,
       t.total_images,
       t.processed_images,
       t.progress,
       t.created_at,
       t.updated_at,
       t.completed_at,
       u.username,
       u.display_name,
       t.total_images AS subtask_count,
       t.completed_subtasks,
       t.failed_subtasks,
       t.processing_subtasks,
       t.cancelled_subtasks,
       r.good AS good_quality_images,
       r.poor AS poor_quality_images
  FROM tasks t
  JOIN users u ON u.id = t.user_id
  CROSS JOIN LATERAL (
      SELECT (count(*) FILTER (WHERE s.rating = 'good'))::INTEGER AS good,
             (count(*) FILTER (WHERE s.rating = 'poor'))::INTEGER AS poor
        FROM subtasks s WHERE s.task_id = t.id AND s.rating <> 'unrated') AS r
 WHERE t.is_deleted = FALSE;

CREATE VIEW subtask_details AS
SELECT s.id,
       s.task_id,
       s.status,
       s.variable_indices,
       s.prompts,
       s.ratio,
       s.seed,
       s.use_polish,
       s.batch_size,
       s.retry_count,
       s.error,
       s.created_at,
       s.updated_at,
       s.started_at,
       s.completed_at,
       s.result,
       s.rating,
       s.evaluation,
       t.name AS task_name,
       t.user_id,
       u.username
  FROM subtasks s
  JOIN tasks t ON t.id = s.task_id
  JOIN users u ON u.id = t.user_id;

CREATE VIEW queue_status AS
SELECT q.id,
       q.name,
       q.description,
       q.max_concurrent_tasks,
       q.current_concurrent_tasks,
       q.is_active,
       count(qt.id) AS total_tasks,
       count(*) FILTER (WHERE qt.status = 'pending') AS pending_tasks,
       count(*) FILTER (WHERE qt.status = 'processing') AS processing_tasks,
       count(*) FILTER (WHERE qt.status = 'completed') AS completed_tasks,
       count(*) FILTER (WHERE qt.status = 'failed') AS failed_tasks,
       avg(EXTRACT(EPOCH FROM (qt.completed_at - qt.started_at))) FILTER (WHERE qt.status = 'completed')
           AS avg_processing_time_seconds
  FROM task_queues q
  LEFT JOIN queue_tasks qt ON qt.queue_id = q.id
 GROUP BY q.id, q.name, q.description, q.max_concurrent_tasks, q.current_concurrent_tasks, q.is_active;
