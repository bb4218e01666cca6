-- The seed design's row-level progress trigger, installed in place of ours for comparison only
-- (ProgressTriggerBenchmark). Each changed row recounts all of its task's subtasks.
DROP TRIGGER subtasks_count_inserts ON subtasks;
DROP TRIGGER subtasks_count_updates ON subtasks;
DROP TRIGGER subtasks_count_deletes ON subtasks;
DROP TRIGGER tasks_derive_progress ON tasks;

CREATE FUNCTION seed_update_task_progress() RETURNS TRIGGER AS $$
BEGIN
    UPDATE tasks
    SET
        processed_images = (
            SELECT COUNT(*)
            FROM subtasks
            WHERE task_id = NEW.task_id AND status IN ('completed', 'failed')
        ),
        progress = (
            SELECT
                CASE
                    WHEN total_images > 0 THEN
                        LEAST(100, ROUND(COUNT(*) * 100.0 / total_images))
                    ELSE 0
                END
            FROM subtasks
            WHERE task_id = NEW.task_id AND status IN ('completed', 'failed')
        ),
        updated_at = NOW()
    WHERE id = NEW.task_id;

    UPDATE tasks
    SET
        status = 'completed',
        completed_at = NOW()
    WHERE
        id = NEW.task_id AND
        (SELECT COUNT(*) FROM subtasks WHERE task_id = NEW.task_id AND status NOT IN ('completed', 'failed', 'cancelled')) = 0 AND
        (SELECT COUNT(*) FROM subtasks WHERE task_id = NEW.task_id) > 0;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trigger_update_task_progress
AFTER UPDATE OF status ON subtasks
FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION seed_update_task_progress();

CREATE TRIGGER trigger_update_task_progress_on_insert
AFTER INSERT ON subtasks
FOR EACH ROW
EXECUTE FUNCTION seed_update_task_progress();
