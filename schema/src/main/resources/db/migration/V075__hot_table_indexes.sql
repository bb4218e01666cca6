-- Every index on the two hot tables is kept only for a query that uses it; each write of a
-- subtask or an attempt pays for every index it touches. Without an index on subtasks.status, the
-- claim's and the completion's subtask updates change no indexed column and can be HOT updates
-- (the new row version stays on its page, no index is written), given room on the page: the
-- subtask partitions keep 20 % of each page free for that.
--
-- Kept on subtasks:
--   primary key (task_id, id)     every lookup of a subtask, the task's subtask list (its
--                                 status and rating filters and cancel/retry by status run over
--                                 the task's rows, at most 10,000)
--   subtasks_task_rating_idx      GET /api/tasks/{id}/subtasks?rating=, task_details' rating counts
--   subtasks_prompts_idx          the gallery's artworks of a tag (prompts @> ...; see V104); prompts
--                                 never change after the insert, so it does not stop HOT updates
-- Dropped from subtasks:
--   subtasks_status_idx           no query filters subtasks by status across tasks
--   subtasks_task_status_idx      the same filters within a task are served by the primary key
--   subtasks_created_at_idx       no query orders or filters subtasks by creation time
--   subtasks_variable_indices_idx no query searches variable_indices by containment (lists order by it within a task)
--
-- Kept on queue_tasks:
--   primary key (id)              every claim, completion and renewal
--   queue_tasks_queue_id_idx      queue_status, check_queue_concurrency_consistency (per queue and status)
--   queue_tasks_subtask_id_idx    a subtask's attempts (GET /api/tasks/{id}/subtasks/{sid}), retries,
--                                 the composite foreign key's cascade
--   queue_tasks_lease_until_idx   the sweeper's expired leases
--   queue_tasks_one_running_attempt_idx  invariant 2 (one running attempt per subtask)
-- Dropped from queue_tasks:
--   queue_tasks_priority_idx      no query filters or orders attempts by priority
--   queue_tasks_status_idx        every status filter also names the queue (the sweeper's pending
--                                 attempts of active queues use queue_tasks_queue_id_idx) or the task
--   queue_tasks_enqueued_at_idx   no query filters or orders attempts by enqueue time
DROP INDEX subtasks_status_idx;
DROP INDEX subtasks_task_status_idx;
DROP INDEX subtasks_created_at_idx;
DROP INDEX subtasks_variable_indices_idx;
DROP INDEX queue_tasks_priority_idx;
DROP INDEX queue_tasks_status_idx;
DROP INDEX queue_tasks_enqueued_at_idx;

DO $$
BEGIN
    FOR remainder IN 0..15 LOOP
        EXECUTE format('ALTER TABLE subtasks_p%s SET (fillfactor = 80)', remainder);
    END LOOP;
END
$$;
