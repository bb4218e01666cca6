-- A system_logs row for every change of a queue's limit or activity, whoever makes it (the API, a
-- worker pausing a queue whose backend refused its key, psql): what changed, old -> new, and who.
--   component   the session's application_name: each service names its connections after itself
--               (task_api, generator_worker, ...); 'database' when the session set none
--   changed_by  the transaction's imagegen.actor setting (the API sets the signed-in user), else
--               the database user
-- A row trigger limited to the two columns: the slot counter's frequent updates of
-- current_concurrent_tasks never call it.
CREATE FUNCTION log_queue_change()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO system_logs (log_level, component, message, details)
    VALUES (CASE WHEN OLD.is_active AND NOT NEW.is_active THEN 'WARN' ELSE 'INFO' END,
            left(coalesce(nullif(current_setting('application_name'), ''), 'database'), 50),
            format('queue %s: %s', NEW.name, concat_ws(', ',
                CASE WHEN OLD.max_concurrent_tasks <> NEW.max_concurrent_tasks
                     THEN format('max_concurrent_tasks %s → %s', OLD.max_concurrent_tasks, NEW.max_concurrent_tasks) END,
                CASE WHEN OLD.is_active <> NEW.is_active
                     THEN CASE WHEN NEW.is_active THEN 'resumed' ELSE 'paused' END END)),
            jsonb_build_object(
                'queue', NEW.name,
                'queue_id', NEW.id,
                'changed_by', coalesce(nullif(current_setting('imagegen.actor', true), ''), session_user),
                'max_concurrent_tasks', jsonb_build_object('old', OLD.max_concurrent_tasks, 'new', NEW.max_concurrent_tasks),
                'is_active', jsonb_build_object('old', OLD.is_active, 'new', NEW.is_active)));
    RETURN NULL;
END
$$;

CREATE TRIGGER task_queues_log_changes
    AFTER UPDATE OF max_concurrent_tasks, is_active ON task_queues
    FOR EACH ROW
    WHEN (OLD.max_concurrent_tasks <> NEW.max_concurrent_tasks OR OLD.is_active <> NEW.is_active)
    EXECUTE FUNCTION log_queue_change();
