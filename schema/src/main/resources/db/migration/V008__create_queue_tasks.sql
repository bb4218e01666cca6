-- One dispatch attempt of one subtask; a retry adds a row. Inserts are the outbox Debezium reads.
CREATE TABLE queue_tasks (
    id           BIGSERIAL PRIMARY KEY,
    queue_id     INTEGER     NOT NULL,
    task_id      UUID        NOT NULL,
    subtask_id   UUID        NOT NULL,
    priority     SMALLINT    NOT NULL DEFAULT 1,
    status       VARCHAR(20) NOT NULL DEFAULT 'pending',
    attempt      INTEGER     NOT NULL DEFAULT 1,
    enqueued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    not_before   TIMESTAMPTZ,
    started_at   TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    lease_until  TIMESTAMPTZ,
    worker_id    VARCHAR(100),
    error        TEXT,
    CONSTRAINT fk_queue_tasks_queue FOREIGN KEY (queue_id) REFERENCES task_queues (id) ON DELETE CASCADE,
    CONSTRAINT fk_queue_tasks_subtask FOREIGN KEY (task_id, subtask_id)
        REFERENCES subtasks (task_id, id) ON DELETE CASCADE,
    CONSTRAINT check_queue_task_status
        CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'cancelled')),
    CONSTRAINT check_attempt CHECK (attempt >= 1)
);

CREATE INDEX queue_tasks_queue_id_idx ON queue_tasks (queue_id, status);
CREATE INDEX queue_tasks_subtask_id_idx ON queue_tasks (task_id, subtask_id);
CREATE INDEX queue_tasks_status_idx ON queue_tasks (status);
CREATE INDEX queue_tasks_priority_idx ON queue_tasks (priority);
CREATE INDEX queue_tasks_enqueued_at_idx ON queue_tasks (enqueued_at);
-- Lease expiry is looked for among running attempts only.
CREATE INDEX queue_tasks_lease_until_idx ON queue_tasks (lease_until) WHERE status = 'processing';
