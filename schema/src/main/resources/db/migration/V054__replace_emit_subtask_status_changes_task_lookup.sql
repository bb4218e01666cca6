-- The task's progress is read by primary key per changed subtask (a subquery, not a join): with
-- enable_nestloop off (V053, for the old/new pairing) a join to tasks became a hash or merge join
-- that scanned the whole tasks table on every subtask status update, the workers' hot path.
CREATE OR REPLACE FUNCTION emit_subtask_status_changes()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    -- Transition tables carry no statistics: without this the planner may pair old and new rows
    -- with a nested loop, quadratic in the rows of the statement.
    SET enable_nestloop = off
AS $$
DECLARE
    changes JSONB;
BEGIN
    SELECT jsonb_agg(jsonb_build_object(
               'kind', 'subtask',
               'task_id', n.task_id,
               'subtask_id', n.id,
               'old_status', o.status,
               'new_status', n.status,
               'retry_count', n.retry_count,
               'task_progress', (SELECT t.progress FROM tasks t WHERE t.id = n.task_id),
               'changed_at', n.updated_at) ORDER BY n.task_id, n.id)
      INTO changes
      FROM new_rows n
      JOIN old_rows o ON o.task_id = n.task_id AND o.id = n.id
     WHERE o.status IS DISTINCT FROM n.status;
    IF changes IS NOT NULL THEN
        PERFORM pg_logical_emit_message(true, 'imagegen.lifecycle', changes::text);
    END IF;
    RETURN NULL;
END
$$;
