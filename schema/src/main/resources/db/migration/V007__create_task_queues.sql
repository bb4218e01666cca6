CREATE TABLE task_queues (
    id                       SERIAL PRIMARY KEY,
    name                     VARCHAR(50) NOT NULL UNIQUE,
    description              TEXT,
    max_concurrent_tasks     INTEGER     NOT NULL DEFAULT 10,
    current_concurrent_tasks INTEGER     NOT NULL DEFAULT 0,
    is_active                BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Queue names become Kafka topic names (imagegen.queue.<name>).
    CONSTRAINT check_queue_name CHECK (name ~ '^[a-z0-9_]{1,50}$'),
    CONSTRAINT check_max_concurrent CHECK (max_concurrent_tasks >= 0),
    CONSTRAINT check_current_concurrent CHECK (current_concurrent_tasks >= 0)
);

INSERT INTO task_queues (name, description, max_concurrent_tasks) VALUES
    ('standard_tasks', '标准任务队列', 10),
    ('lumina_tasks', 'Lumina风格任务队列', 5),
    ('high_priority_tasks', '高优先级任务队列', 3);
