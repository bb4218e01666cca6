-- Range-partitioned by month (partitions come from create_log_partitions, V011); the default
-- partition takes any row no monthly partition covers, so an insert never fails for its date.
CREATE TABLE system_logs (
    id         BIGSERIAL   NOT NULL,
    log_level  VARCHAR(10) NOT NULL,
    component  VARCHAR(50) NOT NULL,
    message    TEXT        NOT NULL,
    details    JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (created_at, id)
) PARTITION BY RANGE (created_at);

CREATE TABLE system_logs_default PARTITION OF system_logs DEFAULT;

CREATE INDEX system_logs_log_level_idx ON system_logs (log_level);
CREATE INDEX system_logs_component_idx ON system_logs (component);
-- created_at leads the primary key, which serves the seed's idx_system_logs_created_at.
