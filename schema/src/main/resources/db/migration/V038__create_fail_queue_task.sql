-- Reports a failed generation, fenced by worker and attempt; see settle_failed_attempt for the
-- outcomes (retry_scheduled, failed, cancelled), or lost when the attempt is no longer this worker's.
CREATE FUNCTION fail_queue_task(p_queue_task_id BIGINT, p_worker_id TEXT, p_attempt INTEGER, p_error TEXT,
                                p_retryable BOOLEAN, p_retry_at_once BOOLEAN DEFAULT FALSE)
    RETURNS TEXT
    LANGUAGE plpgsql
AS $$
DECLARE
    qt queue_tasks;
BEGIN
    SELECT * INTO qt FROM queue_tasks WHERE id = p_queue_task_id FOR UPDATE;
    IF NOT FOUND OR qt.status <> 'processing' OR qt.worker_id IS DISTINCT FROM p_worker_id OR qt.attempt <> p_attempt THEN
        RETURN 'lost';
    END IF;
    RETURN settle_failed_attempt(qt, p_error, p_retryable, p_retry_at_once);
END
$$;
