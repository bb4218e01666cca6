-- A queue's rate limit and admission window and a user's share are changed at run time like a queue's limit
-- (PATCH /api/queues/{id}, PATCH /api/users/{id}), so their changes are logged the same way (V121, V150): one
-- system_logs row per change, naming only what changed, old -> new, and who changed it. A rate limit removed
-- (NULL) reads "none".
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
    IF OLD.rate_limit_per_minute IS DISTINCT FROM NEW.rate_limit_per_minute THEN
        details := details || jsonb_build_object(
            'rate_limit_per_minute', jsonb_build_object('old', OLD.rate_limit_per_minute,
                                                        'new', NEW.rate_limit_per_minute));
    END IF;
    IF OLD.admission_window IS DISTINCT FROM NEW.admission_window THEN
        details := details || jsonb_build_object(
            'admission_window', jsonb_build_object('old', OLD.admission_window, 'new', NEW.admission_window));
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
                     THEN format('retry_backoff_max %s → %s', OLD.retry_backoff_max, NEW.retry_backoff_max) END,
                CASE WHEN OLD.rate_limit_per_minute IS DISTINCT FROM NEW.rate_limit_per_minute
                     THEN format('rate_limit_per_minute %s → %s', coalesce(OLD.rate_limit_per_minute::text, 'none'),
                                 coalesce(NEW.rate_limit_per_minute::text, 'none')) END,
                CASE WHEN OLD.admission_window IS DISTINCT FROM NEW.admission_window
                     THEN format('admission_window %s → %s', coalesce(OLD.admission_window::text, 'adaptive'),
                                 coalesce(NEW.admission_window::text, 'adaptive')) END)),
            details);
    RETURN NULL;
END
$$;

DROP TRIGGER task_queues_log_changes ON task_queues;

CREATE TRIGGER task_queues_log_changes
    AFTER UPDATE OF max_concurrent_tasks, is_active, max_attempts, retry_backoff, retry_backoff_max,
                    rate_limit_per_minute, admission_window ON task_queues
    FOR EACH ROW
    WHEN (OLD.max_concurrent_tasks <> NEW.max_concurrent_tasks
          OR OLD.is_active <> NEW.is_active
          OR OLD.max_attempts <> NEW.max_attempts
          OR OLD.retry_backoff <> NEW.retry_backoff
          OR OLD.retry_backoff_max <> NEW.retry_backoff_max
          OR OLD.rate_limit_per_minute IS DISTINCT FROM NEW.rate_limit_per_minute
          OR OLD.admission_window IS DISTINCT FROM NEW.admission_window)
    EXECUTE FUNCTION log_queue_change();

CREATE FUNCTION log_user_share_change()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO system_logs (log_level, component, message, details)
    VALUES ('INFO',
            left(coalesce(nullif(current_setting('application_name'), ''), 'database'), 50),
            format('user %s: share_weight %s → %s', NEW.username, OLD.share_weight, NEW.share_weight),
            jsonb_build_object(
                'user', NEW.username,
                'user_id', NEW.id,
                'changed_by', coalesce(nullif(current_setting('imagegen.actor', true), ''), session_user),
                'share_weight', jsonb_build_object('old', OLD.share_weight, 'new', NEW.share_weight)));
    RETURN NULL;
END
$$;

CREATE TRIGGER users_log_share_changes
    AFTER UPDATE OF share_weight ON users
    FOR EACH ROW
    WHEN (OLD.share_weight <> NEW.share_weight)
    EXECUTE FUNCTION log_user_share_change();
