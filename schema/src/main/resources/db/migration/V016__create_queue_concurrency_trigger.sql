-- One queue_tasks row entering (+1) or leaving (-1) 'processing' in a queue.
CREATE TYPE queue_slot_change AS (queue_id INTEGER, sign INTEGER);

-- Keeps task_queues.current_concurrent_tasks equal to the queue's queue_tasks in 'processing'.
-- Queue rows are locked in id order. A net increase past max_concurrent_tasks is refused, so the
-- database holds the limit whoever writes; a decrease below zero is clamped to zero and the
-- guard hit recorded in trigger_logs.
CREATE FUNCTION apply_queue_slot_changes(changes queue_slot_change[], operation TEXT)
    RETURNS VOID
    LANGUAGE plpgsql
AS $$
DECLARE
    change RECORD;
    queue  RECORD;
BEGIN
    FOR change IN
        SELECT c.queue_id, sum(c.sign)::INTEGER AS delta
          FROM unnest(changes) AS c
         GROUP BY c.queue_id
        HAVING sum(c.sign) <> 0
         ORDER BY c.queue_id
    LOOP
        SELECT current_concurrent_tasks, max_concurrent_tasks INTO queue
          FROM task_queues WHERE id = change.queue_id FOR NO KEY UPDATE;
        CONTINUE WHEN NOT FOUND;

        IF change.delta > 0 AND queue.current_concurrent_tasks + change.delta > queue.max_concurrent_tasks THEN
            RAISE EXCEPTION 'queue % is full: % running, % more, limit %', change.queue_id,
                queue.current_concurrent_tasks, change.delta, queue.max_concurrent_tasks
                USING ERRCODE = 'check_violation', CONSTRAINT = 'queue_concurrency_limit';
        END IF;

        IF queue.current_concurrent_tasks + change.delta < 0 THEN
            INSERT INTO trigger_logs (trigger_name, operation, table_name, record_id, old_value, new_value, error_message)
            VALUES ('queue_tasks_count_slots', operation, 'task_queues', change.queue_id::TEXT,
                    jsonb_build_object('current_concurrent_tasks', queue.current_concurrent_tasks),
                    jsonb_build_object('current_concurrent_tasks', 0, 'delta', change.delta),
                    'current_concurrent_tasks would fall below zero; clamped to 0');
            UPDATE task_queues SET current_concurrent_tasks = 0 WHERE id = change.queue_id;
        ELSE
            UPDATE task_queues SET current_concurrent_tasks = current_concurrent_tasks + change.delta
             WHERE id = change.queue_id;
        END IF;
    END LOOP;
END
$$;

CREATE FUNCTION count_queue_task_changes()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM apply_queue_slot_changes(ARRAY(
            SELECT ROW(n.queue_id, 1)::queue_slot_change FROM new_rows n WHERE n.status = 'processing'), TG_OP);
    ELSIF TG_OP = 'UPDATE' THEN
        -- Old rows out, new rows in: rows that stayed in (or out of) 'processing' cancel out.
        PERFORM apply_queue_slot_changes(ARRAY(
            SELECT ROW(o.queue_id, -1)::queue_slot_change FROM old_rows o WHERE o.status = 'processing'
            UNION ALL
            SELECT ROW(n.queue_id, 1)::queue_slot_change FROM new_rows n WHERE n.status = 'processing'), TG_OP);
    ELSE
        PERFORM apply_queue_slot_changes(ARRAY(
            SELECT ROW(o.queue_id, -1)::queue_slot_change FROM old_rows o WHERE o.status = 'processing'), TG_OP);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER queue_tasks_count_inserts AFTER INSERT ON queue_tasks
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_queue_task_changes();
CREATE TRIGGER queue_tasks_count_updates AFTER UPDATE ON queue_tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_queue_task_changes();
CREATE TRIGGER queue_tasks_count_deletes AFTER DELETE ON queue_tasks
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_queue_task_changes();
