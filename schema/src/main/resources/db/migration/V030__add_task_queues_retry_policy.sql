-- Retry policy per queue: how many attempts a subtask gets and the exponential back-off between them
-- (attempt n waits retry_backoff * 2^(n-1), at most retry_backoff_max).
ALTER TABLE task_queues
    ADD COLUMN max_attempts      INTEGER  NOT NULL DEFAULT 3,
    ADD COLUMN retry_backoff     INTERVAL NOT NULL DEFAULT INTERVAL '2 seconds',
    ADD COLUMN retry_backoff_max INTERVAL NOT NULL DEFAULT INTERVAL '5 minutes',
    ADD CONSTRAINT check_max_attempts CHECK (max_attempts >= 1),
    ADD CONSTRAINT check_retry_backoff CHECK (retry_backoff >= INTERVAL '0' AND retry_backoff_max >= retry_backoff);
