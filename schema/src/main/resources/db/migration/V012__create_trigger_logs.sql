-- Audit of work done by triggers and maintenance functions: guard hits, repairs.
CREATE TABLE trigger_logs (
    id            BIGSERIAL PRIMARY KEY,
    trigger_name  VARCHAR(100) NOT NULL,
    operation     VARCHAR(20)  NOT NULL,
    table_name    VARCHAR(100) NOT NULL,
    record_id     TEXT,
    old_value     JSONB,
    new_value     JSONB,
    error_message TEXT,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX trigger_logs_created_at_idx ON trigger_logs (created_at);

-- Deletes audit rows older than the retention; returns how many were deleted.
CREATE FUNCTION cleanup_trigger_logs(retention INTERVAL DEFAULT INTERVAL '30 days')
    RETURNS INTEGER
    LANGUAGE plpgsql
AS $$
DECLARE
    deleted INTEGER;
BEGIN
    DELETE FROM trigger_logs WHERE created_at < now() - retention;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
END
$$;
