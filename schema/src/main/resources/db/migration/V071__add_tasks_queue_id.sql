-- The queue the task was routed to at submission; retries enqueue there again.
ALTER TABLE tasks ADD COLUMN queue_id INTEGER REFERENCES task_queues (id);

CREATE INDEX tasks_queue_id_idx ON tasks (queue_id);
