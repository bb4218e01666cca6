-- Lifecycle events of tasks: one transactional logical decoding message per UPDATE statement that
-- changed the status of at least one task, carrying every such change with the task's progress.
-- Transactional: the dispatcher sees it only if the transaction commits, in commit order. This
-- gives old and new status without REPLICA IDENTITY FULL (which would log every old row of every
-- update to WAL) and keeps the "only status changes" rule in the database.
CREATE FUNCTION emit_task_status_changes()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    -- Transition tables carry no statistics: without this the planner may pair old and new rows
    -- with a nested loop, quadratic in the rows of the statement (38 s for 10,000 rows).
    SET enable_nestloop = off
AS $$
DECLARE
    changes JSONB;
BEGIN
    SELECT jsonb_agg(jsonb_build_object(
               'kind', 'task',
               'task_id', n.id,
               'old_status', o.status,
               'new_status', n.status,
               'progress', n.progress,
               'processed_images', n.processed_images,
               'total_images', n.total_images,
               'changed_at', n.updated_at) ORDER BY n.id)
      INTO changes
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
     WHERE o.status IS DISTINCT FROM n.status;
    IF changes IS NOT NULL THEN
        PERFORM pg_logical_emit_message(true, 'imagegen.lifecycle', changes::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tasks_emit_status_changes AFTER UPDATE ON tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION emit_task_status_changes();
