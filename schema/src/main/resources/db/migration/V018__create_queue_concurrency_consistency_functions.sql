-- Queues whose current_concurrent_tasks differs from their count of 'processing' queue_tasks.
CREATE FUNCTION check_queue_concurrency_consistency()
    RETURNS TABLE (queue_id INTEGER, queue_name VARCHAR, current_concurrent_tasks INTEGER,
                   expected_concurrent_tasks INTEGER)
    LANGUAGE sql STABLE
AS $$
SELECT q.id, q.name, q.current_concurrent_tasks, r.processing
  FROM task_queues q
  CROSS JOIN LATERAL (
      SELECT count(*)::INTEGER AS processing FROM queue_tasks qt
       WHERE qt.queue_id = q.id AND qt.status = 'processing') AS r
 WHERE q.current_concurrent_tasks <> r.processing
 ORDER BY q.id
$$;

-- Sets every drifted queue's counter to its count, records each repair in trigger_logs, and
-- returns what was repaired.
CREATE FUNCTION fix_queue_concurrency_inconsistencies()
    RETURNS TABLE (queue_id INTEGER, queue_name VARCHAR, current_concurrent_tasks INTEGER,
                   expected_concurrent_tasks INTEGER)
    LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    drifted RECORD;
BEGIN
    FOR drifted IN SELECT * FROM check_queue_concurrency_consistency() LOOP
        UPDATE task_queues q SET current_concurrent_tasks = drifted.expected_concurrent_tasks
         WHERE q.id = drifted.queue_id;
        INSERT INTO trigger_logs (trigger_name, operation, table_name, record_id, old_value, new_value)
        VALUES ('fix_queue_concurrency_inconsistencies', 'FIX', 'task_queues', drifted.queue_id::TEXT,
                jsonb_build_object('current_concurrent_tasks', drifted.current_concurrent_tasks),
                jsonb_build_object('current_concurrent_tasks', drifted.expected_concurrent_tasks));
        queue_id := drifted.queue_id;
        queue_name := drifted.queue_name;
        current_concurrent_tasks := drifted.current_concurrent_tasks;
        expected_concurrent_tasks := drifted.expected_concurrent_tasks;
        RETURN NEXT;
    END LOOP;
END
$$;
