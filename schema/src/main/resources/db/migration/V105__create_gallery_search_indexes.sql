-- The gallery's fuzzy search (q) over the task name, the evaluation and the user name, each by its
-- own trigram index, as PixiShelf searches artists by name: substring (ILIKE) or word similarity.
CREATE INDEX users_username_trgm_idx ON users USING gin (username gin_trgm_ops);
CREATE INDEX tasks_name_trgm_idx ON tasks USING gin (name gin_trgm_ops);
CREATE INDEX subtasks_evaluation_trgm_idx ON subtasks USING gin (evaluation gin_trgm_ops);
