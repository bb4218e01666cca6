-- No progress bookkeeping at all: the floor any progress trigger adds to (ProgressTriggerBenchmark).
DROP TRIGGER subtasks_count_inserts ON subtasks;
DROP TRIGGER subtasks_count_updates ON subtasks;
DROP TRIGGER subtasks_count_deletes ON subtasks;
DROP TRIGGER tasks_derive_progress ON tasks;
