-- Retries waiting for their back-off. The next queue_tasks row (and so its Kafka record) is written
-- only once the retry is due, so a waiting retry never stalls the fresh records behind it.
CREATE TABLE subtask_retries (
    task_id    UUID        NOT NULL,
    subtask_id UUID        NOT NULL,
    queue_id   INTEGER     NOT NULL,
    priority   SMALLINT    NOT NULL,
    attempt    INTEGER     NOT NULL,
    due_at     TIMESTAMPTZ NOT NULL,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, subtask_id),
    CONSTRAINT fk_subtask_retries_subtask FOREIGN KEY (task_id, subtask_id)
        REFERENCES subtasks (task_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_subtask_retries_queue FOREIGN KEY (queue_id) REFERENCES task_queues (id) ON DELETE CASCADE,
    CONSTRAINT check_retry_attempt CHECK (attempt >= 2)
);

CREATE INDEX subtask_retries_due_at_idx ON subtask_retries (due_at);
