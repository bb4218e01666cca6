-- The task's status from its subtask counters:
--   cancelled stays cancelled (the user's decision outlives subtasks finishing);
--   no subtasks yet: unchanged;
--   all terminal: completed if any completed, else failed if any failed, else cancelled;
--   otherwise: processing once any subtask started or finished, else pending.
CREATE FUNCTION task_status_from_counters(
    current_status task_status, total INTEGER, processing INTEGER,
    completed INTEGER, failed INTEGER, cancelled INTEGER)
    RETURNS task_status
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE
    WHEN current_status = 'cancelled' THEN 'cancelled'::task_status
    WHEN total = 0 THEN current_status
    WHEN completed + failed + cancelled >= total THEN
        CASE WHEN completed > 0 THEN 'completed'::task_status
             WHEN failed > 0 THEN 'failed'::task_status
             ELSE 'cancelled'::task_status END
    WHEN processing > 0 OR completed + failed > 0 THEN 'processing'::task_status
    ELSE 'pending'::task_status
END
$$;

-- processed_images, progress, status and completed_at follow the counters whenever they change
-- (one row per task touched by a statement; the seed's formulas, kept exactly).
CREATE FUNCTION derive_task_progress()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.processed_images := NEW.completed_subtasks + NEW.failed_subtasks;
    NEW.progress := CASE WHEN NEW.total_images > 0
                         THEN LEAST(100, ROUND(NEW.processed_images * 100.0 / NEW.total_images))
                         ELSE 0 END;
    NEW.status := task_status_from_counters(NEW.status, NEW.total_images, NEW.processing_subtasks,
                                            NEW.completed_subtasks, NEW.failed_subtasks, NEW.cancelled_subtasks);
    NEW.completed_at := CASE
        WHEN NEW.status IN ('completed', 'failed') AND OLD.status = NEW.status THEN COALESCE(OLD.completed_at, now())
        WHEN NEW.status IN ('completed', 'failed') THEN now()
        WHEN NEW.status = 'cancelled' THEN OLD.completed_at
        ELSE NULL END;
    RETURN NEW;
END
$$;

CREATE TRIGGER tasks_derive_progress
    BEFORE UPDATE OF total_images, processing_subtasks, completed_subtasks, failed_subtasks, cancelled_subtasks
    ON tasks
    FOR EACH ROW
    WHEN (OLD.total_images IS DISTINCT FROM NEW.total_images
       OR OLD.processing_subtasks IS DISTINCT FROM NEW.processing_subtasks
       OR OLD.completed_subtasks IS DISTINCT FROM NEW.completed_subtasks
       OR OLD.failed_subtasks IS DISTINCT FROM NEW.failed_subtasks
       OR OLD.cancelled_subtasks IS DISTINCT FROM NEW.cancelled_subtasks)
    EXECUTE FUNCTION derive_task_progress();
