-- A queue's retry policy (max_attempts, retry_backoff, retry_backoff_max) is changed at run time like its limit and
-- activity (PATCH /api/queues/{id}), so its changes are logged the same way (V121): one system_logs row per change,
-- naming only what changed, old -> new, and who changed it. The row's details keep the limit and activity as before
-- and add each retry field that changed.
CREATE OR REPLACE FUNCTION log_queue_change()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
DECLARE
    details JSONB;
BEGIN
    details := jsonb_build_object(
        'queue', NEW.name,
        'queue_id', NEW.id,
        'changed_by', coalesce(nullif(current_setting('imagegen.actor', true), ''), session_user),
        'max_concurrent_tasks', jsonb_build_object('old', OLD.max_concurrent_tasks, 'new', NEW.max_concurrent_tasks),
        'is_active', jsonb_build_object('old', OLD.is_active, 'new', NEW.is_active));
    IF OLD.max_attempts <> NEW.max_attempts THEN
        details := details || jsonb_build_object(
            'max_attempts', jsonb_build_object('old', OLD.max_attempts, 'new', NEW.max_attempts));
    END IF;
    IF OLD.retry_backoff <> NEW.retry_backoff THEN
        details := details || jsonb_build_object(
            'retry_backoff', jsonb_build_object('old', OLD.retry_backoff::text, 'new', NEW.retry_backoff::text));
    END IF;
    IF OLD.retry_backoff_max <> NEW.retry_backoff_max THEN
        details := details || jsonb_build_object(
            'retry_backoff_max', jsonb_build_object('old', OLD.retry_backoff_max::text,
                                                    'new', NEW.retry_backoff_max::text));
    END IF;
    INSERT INTO system_logs (log_level, component, message, details)
    VALUES (CASE WHEN OLD.is_active AND NOT NEW.is_active THEN 'WARN' ELSE 'INFO' END,
            left(coalesce(nullif(current_setting('application_name'), ''), 'database'), 50),
            format('queue %s: %s', NEW.name, concat_ws(', ',
                CASE WHEN OLD.max_concurrent_tasks <> NEW.max_concurrent_tasks
                     THEN format('max_concurrent_tasks %s → %s', OLD.max_concurrent_tasks, NEW.max_concurrent_tasks) END,
                CASE WHEN OLD.is_active <> NEW.is_active
                     THEN CASE WHEN NEW.is_active THEN 'resumed' ELSE 'paused' END END,
                CASE WHEN OLD.max_attempts <> NEW.max_attempts
                     THEN format('max_attempts %s → %s', OLD.max_attempts, NEW.max_attempts) END,
                CASE WHEN OLD.retry_backoff <> NEW.retry_backoff
                     THEN format('retry_backoff %s → %s', OLD.retry_backoff, NEW.retry_backoff) END,
                CASE WHEN OLD.retry_backoff_max <> NEW.retry_backoff_max
                     THEN format('retry_backoff_max %s → %s', OLD.retry_backoff_max, NEW.retry_backoff_max) END)),
            details);
    RETURN NULL;
END
$$;

DROP TRIGGER task_queues_log_changes ON task_queues;

CREATE TRIGGER task_queues_log_changes
    AFTER UPDATE OF max_concurrent_tasks, is_active, max_attempts, retry_backoff, retry_backoff_max ON task_queues
    FOR EACH ROW
    WHEN (OLD.max_concurrent_tasks <> NEW.max_concurrent_tasks
          OR OLD.is_active <> NEW.is_active
          OR OLD.max_attempts <> NEW.max_attempts
          OR OLD.retry_backoff <> NEW.retry_backoff
          OR OLD.retry_backoff_max <> NEW.retry_backoff_max)
    EXECUTE FUNCTION log_queue_change();
