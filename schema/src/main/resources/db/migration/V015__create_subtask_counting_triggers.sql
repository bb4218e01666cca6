-- One subtask entering (+1) or leaving (-1) a status within a task.
CREATE TYPE subtask_status_change AS (task_id UUID, status subtask_status, sign INTEGER);

-- Applies a statement's subtask changes to the task counters: one aggregate per task, then one
-- UPDATE per task whose counters moved, in task id order so that concurrent statements touching
-- several tasks cannot deadlock. The UPDATE takes the task's row lock and adds to the latest
-- committed values, so concurrent writers to one task serialize on it and never lose a change.
CREATE FUNCTION apply_subtask_status_changes(changes subtask_status_change[])
    RETURNS VOID
    LANGUAGE plpgsql
AS $$
DECLARE
    d RECORD;
BEGIN
    FOR d IN
        SELECT *
          FROM (SELECT c.task_id,
                       coalesce(sum(c.sign), 0) AS total,
                       coalesce(sum(c.sign) FILTER (WHERE c.status = 'processing'), 0) AS processing,
                       coalesce(sum(c.sign) FILTER (WHERE c.status = 'completed'), 0) AS completed,
                       coalesce(sum(c.sign) FILTER (WHERE c.status = 'failed'), 0) AS failed,
                       coalesce(sum(c.sign) FILTER (WHERE c.status = 'cancelled'), 0) AS cancelled
                  FROM unnest(changes) AS c
                 GROUP BY c.task_id) AS per_task
         WHERE total <> 0 OR processing <> 0 OR completed <> 0 OR failed <> 0 OR cancelled <> 0
         ORDER BY task_id
    LOOP
        UPDATE tasks
           SET total_images        = total_images + d.total,
               processing_subtasks = processing_subtasks + d.processing,
               completed_subtasks  = completed_subtasks + d.completed,
               failed_subtasks     = failed_subtasks + d.failed,
               cancelled_subtasks  = cancelled_subtasks + d.cancelled
         WHERE id = d.task_id;
    END LOOP;
END
$$;

-- Statement-level: a statement touching N subtasks costs O(N), never a recount per row. An
-- update counts every old row out (-1) and every new row in (+1); rows whose status and task did
-- not change cancel out in the aggregate, which needs no join between the transition tables.
CREATE FUNCTION count_subtask_changes()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM apply_subtask_status_changes(ARRAY(
            SELECT ROW(n.task_id, n.status, 1)::subtask_status_change FROM new_rows n));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM apply_subtask_status_changes(ARRAY(
            SELECT ROW(o.task_id, o.status, -1)::subtask_status_change FROM old_rows o
            UNION ALL
            SELECT ROW(n.task_id, n.status, 1)::subtask_status_change FROM new_rows n));
    ELSE
        PERFORM apply_subtask_status_changes(ARRAY(
            SELECT ROW(o.task_id, o.status, -1)::subtask_status_change FROM old_rows o));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER subtasks_count_inserts AFTER INSERT ON subtasks
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_subtask_changes();
CREATE TRIGGER subtasks_count_updates AFTER UPDATE ON subtasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_subtask_changes();
CREATE TRIGGER subtasks_count_deletes AFTER DELETE ON subtasks
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_subtask_changes();
