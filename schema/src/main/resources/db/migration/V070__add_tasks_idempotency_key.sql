-- A client's Idempotency-Key: the same key from the same user names the first task it created.
ALTER TABLE tasks ADD COLUMN idempotency_key VARCHAR(255);

CREATE UNIQUE INDEX tasks_user_idempotency_key_idx ON tasks (user_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
