CREATE TABLE tasks (
    id                  UUID        PRIMARY KEY DEFAULT new_uuid(),
    name                VARCHAR(255) NOT NULL,
    user_id             INTEGER     NOT NULL,
    status              task_status NOT NULL DEFAULT 'pending',
    make_api_queue      VARCHAR(10) DEFAULT NULL,
    priority            SMALLINT    NOT NULL DEFAULT 1,
    total_images        INTEGER     NOT NULL DEFAULT 0,
    processed_images    INTEGER     NOT NULL DEFAULT 0,
    progress            SMALLINT    NOT NULL DEFAULT 0,
    -- Per-status counters kept by the subtask triggers; total_images and processed_images derive from them.
    processing_subtasks INTEGER     NOT NULL DEFAULT 0,
    completed_subtasks  INTEGER     NOT NULL DEFAULT 0,
    failed_subtasks     INTEGER     NOT NULL DEFAULT 0,
    cancelled_subtasks  INTEGER     NOT NULL DEFAULT 0,
    is_deleted          BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at        TIMESTAMPTZ,
    prompts             JSONB       NOT NULL DEFAULT '[]'::jsonb,
    ratio               JSONB       NOT NULL DEFAULT '{"value": "1:1", "is_variable": false, "variable_id": null}'::jsonb,
    seed                JSONB       NOT NULL DEFAULT '{"value": null, "is_variable": false, "variable_id": null}'::jsonb,
    batch_size          JSONB       NOT NULL DEFAULT '{"value": 1, "is_variable": false, "variable_id": null}'::jsonb,
    polish              JSONB       NOT NULL DEFAULT '{"value": false, "is_variable": false, "variable_id": null}'::jsonb,
    variables           JSONB       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT fk_tasks_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT check_progress_range CHECK (progress BETWEEN 0 AND 100),
    -- Selects which backend endpoint serves the task: NULL is the default endpoint.
    CONSTRAINT check_make_api_queue CHECK (make_api_queue IN ('ops', 'dev')),
    CONSTRAINT check_counters_not_negative CHECK (
        total_images >= 0 AND processed_images >= 0 AND processing_subtasks >= 0
        AND completed_subtasks >= 0 AND failed_subtasks >= 0 AND cancelled_subtasks >= 0)
);

CREATE INDEX tasks_user_id_idx ON tasks (user_id);
CREATE INDEX tasks_status_idx ON tasks (status);
CREATE INDEX tasks_created_at_idx ON tasks (created_at);
CREATE INDEX tasks_is_deleted_idx ON tasks (is_deleted);
CREATE INDEX tasks_priority_idx ON tasks (priority);
CREATE INDEX tasks_prompts_idx ON tasks USING gin (prompts jsonb_path_ops);
CREATE INDEX tasks_variables_idx ON tasks USING gin (variables jsonb_path_ops);
