-- Who sees a task's work: private (its owner and staff, the rule before this column) or shared
-- (everyone signed in, guests included). Existing tasks stay private.
CREATE TYPE task_visibility AS ENUM ('private', 'shared');

ALTER TABLE tasks ADD COLUMN visibility task_visibility NOT NULL DEFAULT 'private';
