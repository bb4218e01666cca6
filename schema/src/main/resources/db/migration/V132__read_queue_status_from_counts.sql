-- queue_status with the same columns and types as V019's, read from the per-queue counters
-- (V130, V131) instead of every attempt ever written. CREATE OR REPLACE refuses any change of a
-- column's name or type, so readers see the same shape.
CREATE OR REPLACE VIEW queue_status AS
SELECT q.id,
       q.name,
       q.description,
       q.max_concurrent_tasks,
       q.current_concurrent_tasks,
       q.is_active,
       coalesce(c.pending + c.processing + c.completed + c.failed + c.cancelled, 0)::BIGINT AS total_tasks,
       coalesce(c.pending, 0)::BIGINT AS pending_tasks,
       coalesce(c.processing, 0)::BIGINT AS processing_tasks,
       coalesce(c.completed, 0)::BIGINT AS completed_tasks,
       coalesce(c.failed, 0)::BIGINT AS failed_tasks,
       c.completed_seconds / nullif(c.timed_completions, 0) AS avg_processing_time_seconds
  FROM task_queues q
  LEFT JOIN LATERAL (
      SELECT sum(s.pending) AS pending, sum(s.processing) AS processing, sum(s.completed) AS completed,
             sum(s.failed) AS failed, sum(s.cancelled) AS cancelled,
             sum(s.timed_completions) AS timed_completions, sum(s.completed_seconds) AS completed_seconds
        FROM queue_task_counts s
       WHERE s.queue_id = q.id) AS c ON TRUE;

COMMENT ON VIEW queue_status IS
    'Queues with their attempts by status. O(queues): sums the per-queue counters that statement-level '
    'triggers on queue_tasks keep in queue_task_counts, striped by session (hash of backend and queue, '
    '64 stripes) so concurrent claims and completions of one queue rarely share a counter row. '
    'Counts are of every attempt ever written: retention deleting finished attempts does not lower '
    'total_tasks, completed_tasks, failed_tasks or the average; pending_tasks and processing_tasks '
    'are the attempts waiting and running now.';
