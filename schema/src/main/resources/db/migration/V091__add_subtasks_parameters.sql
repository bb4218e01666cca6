-- The generation parameters of one subtask: the task's, with each variable's value for this
-- combination in its place, so the worker reads plain values ({"steps": 30, "cfg_scale": 7}).
-- A constant default: adding the column rewrites no partition.
ALTER TABLE subtasks ADD COLUMN parameters JSONB NOT NULL DEFAULT '{}'::jsonb;

ALTER TABLE subtasks ADD CONSTRAINT check_subtasks_parameters_object CHECK (jsonb_typeof(parameters) = 'object');
