CREATE TABLE subtasks (
    id               UUID           NOT NULL DEFAULT new_uuid(),
    task_id          UUID           NOT NULL,
    status           subtask_status NOT NULL DEFAULT 'pending',
    variable_indices JSONB          NOT NULL DEFAULT '{}'::jsonb,
    prompts          JSONB          NOT NULL DEFAULT '[]'::jsonb,
    ratio            VARCHAR(10)    NOT NULL DEFAULT '1:1',
    seed             BIGINT,
    use_polish       BOOLEAN        NOT NULL DEFAULT FALSE,
    batch_size       INTEGER        NOT NULL DEFAULT 1,
    retry_count      SMALLINT       NOT NULL DEFAULT 0,
    error            TEXT,
    created_at       TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ    NOT NULL DEFAULT now(),
    started_at       TIMESTAMPTZ,
    completed_at     TIMESTAMPTZ,
    result           JSONB,
    rating           quality_rating NOT NULL DEFAULT 'unrated',
    evaluation       TEXT,
    PRIMARY KEY (task_id, id),
    CONSTRAINT fk_subtasks_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
    CONSTRAINT check_batch_size CHECK (batch_size BETWEEN 1 AND 8)
) PARTITION BY HASH (task_id);

DO $$
BEGIN
    FOR remainder IN 0..15 LOOP
        EXECUTE format('CREATE TABLE subtasks_p%s PARTITION OF subtasks FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                       remainder, remainder);
    END LOOP;
END
$$;

-- The seed's idx_subtasks_task_id is left out: the primary key (task_id, id) leads with task_id.
-- Status and rating are looked up within a task, so they follow task_id.
CREATE INDEX subtasks_task_status_idx ON subtasks (task_id, status);
CREATE INDEX subtasks_task_rating_idx ON subtasks (task_id, rating);
CREATE INDEX subtasks_status_idx ON subtasks (status);
CREATE INDEX subtasks_created_at_idx ON subtasks (created_at);
CREATE INDEX subtasks_variable_indices_idx ON subtasks USING gin (variable_indices jsonb_path_ops);
CREATE INDEX subtasks_prompts_idx ON subtasks USING gin (prompts jsonb_path_ops);
