-- One task_logs entry about one attempt (started, completed, failed, retried, rescued).
CREATE FUNCTION log_queue_task_event(qt queue_tasks, level TEXT, message TEXT, extra JSONB DEFAULT '{}'::jsonb)
    RETURNS VOID
    LANGUAGE sql
AS $$
INSERT INTO task_logs (task_id, subtask_id, log_level, message, details)
VALUES (qt.task_id, qt.subtask_id, level, message,
        jsonb_build_object('queue_task_id', qt.id, 'queue_id', qt.queue_id, 'attempt', qt.attempt,
                           'worker_id', qt.worker_id) || extra)
$$;
