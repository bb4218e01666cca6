-- What each task's counters should be, recounted from its subtasks.
CREATE VIEW task_progress_recount AS
SELECT t.id AS task_id,
       t.total_images, t.processed_images, t.progress, t.status,
       t.processing_subtasks, t.completed_subtasks, t.failed_subtasks, t.cancelled_subtasks,
       r.total AS expected_total_images,
       r.completed + r.failed AS expected_processed_images,
       (CASE WHEN r.total > 0 THEN LEAST(100, ROUND((r.completed + r.failed) * 100.0 / r.total)) ELSE 0 END)::SMALLINT
           AS expected_progress,
       task_status_from_counters(t.status, r.total::INTEGER, r.processing::INTEGER, r.completed::INTEGER,
                                 r.failed::INTEGER, r.cancelled::INTEGER) AS expected_status,
       r.processing AS expected_processing_subtasks,
       r.completed AS expected_completed_subtasks,
       r.failed AS expected_failed_subtasks,
       r.cancelled AS expected_cancelled_subtasks
  FROM tasks t
  CROSS JOIN LATERAL (
      SELECT count(s.id)::INTEGER AS total,
             (count(*) FILTER (WHERE s.status = 'processing'))::INTEGER AS processing,
             (count(*) FILTER (WHERE s.status = 'completed'))::INTEGER AS completed,
             (count(*) FILTER (WHERE s.status = 'failed'))::INTEGER AS failed,
             (count(*) FILTER (WHERE s.status = 'cancelled'))::INTEGER AS cancelled
        FROM subtasks s WHERE s.task_id = t.id) AS r;

-- Tasks whose counters, progress or status drifted from a recount, with the expected values.
CREATE FUNCTION check_task_progress_consistency()
    RETURNS TABLE (task_id UUID,
                   total_images INTEGER, expected_total_images INTEGER,
                   processed_images INTEGER, expected_processed_images INTEGER,
                   progress SMALLINT, expected_progress SMALLINT,
                   status task_status, expected_status task_status)
    LANGUAGE sql STABLE
AS $$
SELECT r.task_id, r.total_images, r.expected_total_images, r.processed_images, r.expected_processed_images,
       r.progress, r.expected_progress, r.status, r.expected_status
  FROM task_progress_recount r
 WHERE r.total_images <> r.expected_total_images
    OR r.processed_images <> r.expected_processed_images
    OR r.progress <> r.expected_progress
    OR r.status <> r.expected_status
    OR r.processing_subtasks <> r.expected_processing_subtasks
    OR r.completed_subtasks <> r.expected_completed_subtasks
    OR r.failed_subtasks <> r.expected_failed_subtasks
    OR r.cancelled_subtasks <> r.expected_cancelled_subtasks
 ORDER BY r.task_id
$$;

-- Repairs every drifted task from a recount, records each repair in trigger_logs, and returns
-- what was repaired (the rows check_task_progress_consistency returned).
CREATE FUNCTION fix_task_progress_inconsistencies()
    RETURNS TABLE (task_id UUID,
                   total_images INTEGER, expected_total_images INTEGER,
                   processed_images INTEGER, expected_processed_images INTEGER,
                   progress SMALLINT, expected_progress SMALLINT,
                   status task_status, expected_status task_status)
    LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    drifted RECORD;
BEGIN
    FOR drifted IN
        SELECT r.* FROM task_progress_recount r
          JOIN check_task_progress_consistency() c ON c.task_id = r.task_id
         ORDER BY r.task_id
    LOOP
        -- Counters first (derivation follows them), then the derived columns, which may have drifted alone.
        UPDATE tasks t
           SET total_images = drifted.expected_total_images,
               processing_subtasks = drifted.expected_processing_subtasks,
               completed_subtasks = drifted.expected_completed_subtasks,
               failed_subtasks = drifted.expected_failed_subtasks,
               cancelled_subtasks = drifted.expected_cancelled_subtasks
         WHERE t.id = drifted.task_id;
        UPDATE tasks t
           SET processed_images = drifted.expected_processed_images,
               progress = drifted.expected_progress,
               status = drifted.expected_status,
               completed_at = CASE WHEN drifted.expected_status IN ('completed', 'failed')
                                   THEN COALESCE(t.completed_at, now())
                                   WHEN drifted.expected_status = 'cancelled' THEN t.completed_at
                                   ELSE NULL END
         WHERE t.id = drifted.task_id;

        INSERT INTO trigger_logs (trigger_name, operation, table_name, record_id, old_value, new_value)
        VALUES ('fix_task_progress_inconsistencies', 'FIX', 'tasks', drifted.task_id::TEXT,
                jsonb_build_object('total_images', drifted.total_images,
                                   'processed_images', drifted.processed_images,
                                   'progress', drifted.progress, 'status', drifted.status,
                                   'processing_subtasks', drifted.processing_subtasks,
                                   'completed_subtasks', drifted.completed_subtasks,
                                   'failed_subtasks', drifted.failed_subtasks,
                                   'cancelled_subtasks', drifted.cancelled_subtasks),
                jsonb_build_object('total_images', drifted.expected_total_images,
                                   'processed_images', drifted.expected_processed_images,
                                   'progress', drifted.expected_progress, 'status', drifted.expected_status,
                                   'processing_subtasks', drifted.expected_processing_subtasks,
                                   'completed_subtasks', drifted.expected_completed_subtasks,
                                   'failed_subtasks', drifted.expected_failed_subtasks,
                                   'cancelled_subtasks', drifted.expected_cancelled_subtasks));

        task_id := drifted.task_id;
        total_images := drifted.total_images;
        expected_total_images := drifted.expected_total_images;
        processed_images := drifted.processed_images;
        expected_processed_images := drifted.expected_processed_images;
        progress := drifted.progress;
        expected_progress := drifted.expected_progress;
        status := drifted.status;
        expected_status := drifted.expected_status;
        RETURN NEXT;
    END LOOP;
END
$$;
