-- A task's generation parameters as submitted (negative_prompt, steps, cfg_scale, sampler, checkpoint, ...):
-- each a plain value or {"value", "is_variable", "variable_id"} naming a variable, like ratio and seed.
-- The API checks them against what the task's endpoint supports (backend_endpoints).
ALTER TABLE tasks ADD COLUMN parameters JSONB NOT NULL DEFAULT '{}'::jsonb;

ALTER TABLE tasks ADD CONSTRAINT check_tasks_parameters_object CHECK (jsonb_typeof(parameters) = 'object');
