-- Tells waiting workers (LISTEN imagegen_queue_slot_freed, payload = queue name) that a queue may
-- take another claim: a slot was freed, the limit was raised or the queue was resumed. Delivered
-- at commit, so a woken worker always sees the freed slot.
CREATE FUNCTION notify_queue_slot_freed()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('imagegen_queue_slot_freed', NEW.name);
    RETURN NULL;
END
$$;

CREATE TRIGGER task_queues_notify_slot_freed AFTER UPDATE ON task_queues
    FOR EACH ROW
    WHEN (NEW.current_concurrent_tasks < OLD.current_concurrent_tasks
       OR NEW.max_concurrent_tasks > OLD.max_concurrent_tasks
       OR (NEW.is_active AND NOT OLD.is_active))
    EXECUTE FUNCTION notify_queue_slot_freed();
