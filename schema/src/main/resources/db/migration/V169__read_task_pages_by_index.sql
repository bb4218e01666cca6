-- The task page's first two reads, each through an index that holds only the rows it answers.
--
-- A task's subtasks page in expansion order (GET /api/tasks/{id}/subtasks). Ordered by
-- variable_indices, every page read and sorted every subtask of the task: 81 ms for the first 48 of a
-- 10,000-subtask task while it ran, the slowest read of the task page. Since V160 every subtask
-- carries its place in that order (seq, written with it and never changed): ordered by seq, a page
-- reads its own rows from subtasks_task_seq_idx. Subtasks written before V160 have no seq and still
-- page by variable_indices, through this partial index, which holds only them: a new subtask writes
-- no entry into it. A task's subtasks are written by one statement, so they all have a seq or none.
CREATE INDEX subtasks_task_unsequenced_idx ON subtasks (task_id, variable_indices, id) WHERE seq IS NULL;

-- task_details' rating counts: "rating <> 'unrated'" cannot bound a scan of (task_id, rating), so
-- every read of a task visited every subtask of it in that index (29 ms for 10,000 while the task
-- ran, the rows changing too fast for an index-only scan); "rating IN ('good', 'poor')" reads two
-- ranges that hold only the rated subtasks. Same columns, same answers.
CREATE OR REPLACE VIEW task_details AS
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
        FROM subtasks s WHERE s.task_id = t.id AND s.rating IN ('good', 'poor')) AS r
 WHERE t.is_deleted = FALSE;
