CREATE TABLE task_logs (
    id         BIGSERIAL   NOT NULL,
    task_id    UUID,
    subtask_id UUID,
    log_level  VARCHAR(10) NOT NULL,
    message    TEXT        NOT NULL,
    details    JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (created_at, id),
    CONSTRAINT fk_task_logs_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
    CONSTRAINT fk_task_logs_subtask FOREIGN KEY (task_id, subtask_id)
        REFERENCES subtasks (task_id, id) ON DELETE CASCADE
) PARTITION BY RANGE (created_at);

CREATE TABLE task_logs_default PARTITION OF task_logs DEFAULT;

CREATE INDEX task_logs_task_id_idx ON task_logs (task_id, created_at);
CREATE INDEX task_logs_subtask_id_idx ON task_logs (subtask_id);
CREATE INDEX task_logs_log_level_idx ON task_logs (log_level);
