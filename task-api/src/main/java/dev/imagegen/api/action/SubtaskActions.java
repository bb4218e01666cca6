package dev.imagegen.api.action;

import dev.imagegen.api.action.ActionBodies.SubtaskCancelled;
import dev.imagegen.api.action.ActionBodies.SubtaskRetried;
import dev.imagegen.api.log.TaskLog;
import dev.imagegen.api.problem.ConflictException;
import dev.imagegen.api.problem.NotFoundException;
import dev.imagegen.api.progress.SubtaskTouched;
import dev.imagegen.api.task.TaskAccess.TaskRef;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Cancel and retry of one subtask, each in one transaction with its task_logs row, changing rows in the workers'
 * order (queue_tasks, then subtasks; the counting trigger then updates the task), so the task's counters, progress and
 * status stay exact.
 */
@Component
class SubtaskActions {

    private static final String CANCEL_PENDING_ATTEMPTS = """
            UPDATE queue_tasks SET status = 'cancelled', completed_at = now()
             WHERE task_id = :task AND subtask_id = :subtask AND status = 'pending'
            """;
    // A running subtask is cancelled at once: its worker's result is then discarded when it reports
    // (complete_queue_task and settle_queue_tasks answer 'cancelled'), and its attempt keeps the queue
    // slot until then, as the worker is still busy.
    private static final String CANCEL_SUBTASK = """
            WITH before AS (SELECT status FROM subtasks WHERE task_id = :task AND id = :subtask FOR UPDATE)
            UPDATE subtasks s SET status = 'cancelled', completed_at = now()
              FROM before
             WHERE s.task_id = :task AND s.id = :subtask AND before.status IN ('pending', 'processing')
            RETURNING before.status::text
            """;
    private static final String SUBTASK_STATUS = """
            SELECT status::text FROM subtasks WHERE task_id = :task AND id = :subtask
            """;
    private static final String OPEN_ATTEMPTS = """
            SELECT count(*) FROM queue_tasks
             WHERE task_id = :task AND subtask_id = :subtask AND status IN ('pending', 'processing')
            """;
    // A cancelled subtask may still have a retry waiting for its back-off: it goes, so that only the
    // attempt written here runs.
    private static final String DROP_WAITING_RETRY = """
            DELETE FROM subtask_retries WHERE task_id = :task AND subtask_id = :subtask
            """;
    // The subtask goes back to pending with the next attempt on the task's queue (or its last
    // attempt's, for tasks written before routing), as a retry of the whole task does.
    private static final String RETRY_SUBTASK = """
            WITH retried AS (
                UPDATE subtasks SET status = 'pending', error = NULL, result = NULL, started_at = NULL,
                                    completed_at = NULL
                 WHERE task_id = :task AND id = :subtask AND status IN ('failed', 'cancelled')
             RETURNING task_id, id)
            INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority, attempt)
            SELECT coalesce(CAST(:queue AS integer), last.queue_id), r.task_id, r.id, :priority,
                   coalesce(last.attempt, 0) + 1
              FROM retried r
              LEFT JOIN LATERAL (SELECT q.queue_id, q.attempt FROM queue_tasks q
                                  WHERE q.task_id = r.task_id AND q.subtask_id = r.id
                                  ORDER BY q.attempt DESC, q.id DESC LIMIT 1) last ON true
             WHERE coalesce(CAST(:queue AS integer), last.queue_id) IS NOT NULL
            RETURNING attempt
            """;

    private final JdbcClient jdbc;
    private final TaskLog taskLog;
    private final ObjectMapper mapper;
    private final ApplicationEventPublisher events;

    SubtaskActions(JdbcClient jdbc, TaskLog taskLog, ObjectMapper mapper, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.taskLog = taskLog;
        this.mapper = mapper;
        this.events = events;
    }

    @Transactional
    SubtaskCancelled cancel(TaskRef task, UUID subtask, String by) {
        int attempts = jdbc.sql(CANCEL_PENDING_ATTEMPTS)
                .param("task", task.id())
                .param("subtask", subtask)
                .update();
        String was = jdbc.sql(CANCEL_SUBTASK)
                .param("task", task.id())
                .param("subtask", subtask)
                .query(String.class)
                .optional()
                .orElseThrow(() -> refusal(task, subtask, "only a pending or processing subtask can be cancelled"));
        taskLog.record(
                task.id(),
                subtask,
                "subtask cancelled",
                mapper.createObjectNode()
                        .put("by", by)
                        .put("was", was)
                        .put("cancelled_attempts", attempts)
                        .toString());
        events.publishEvent(new SubtaskTouched(task.id(), subtask));
        return new SubtaskCancelled(subtask, "cancelled", was, attempts);
    }

    @Transactional
    SubtaskRetried retry(TaskRef task, UUID subtask, String by) {
        if (task.status().equals("cancelled")) {
            throw new ConflictException("the task is cancelled; submit it again instead");
        }
        String status = status(task, subtask);
        if (!status.equals("failed") && !status.equals("cancelled")) {
            throw new ConflictException("only a failed or cancelled subtask can be retried; this one is " + status);
        }
        long open = jdbc.sql(OPEN_ATTEMPTS)
                .param("task", task.id())
                .param("subtask", subtask)
                .query(Long.class)
                .single();
        if (open > 0) {
            throw new ConflictException(
                    "an attempt of this subtask is still pending or generating; retry it once it has stopped");
        }
        jdbc.sql(DROP_WAITING_RETRY)
                .param("task", task.id())
                .param("subtask", subtask)
                .update();
        // Empty when the subtask changed meanwhile, or when it has no queue to run on; the update rolls back.
        Integer attempt = jdbc.sql(RETRY_SUBTASK)
                .param("task", task.id())
                .param("subtask", subtask)
                .param("queue", task.queueId())
                .param("priority", task.priority())
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new ConflictException("the subtask cannot be retried now; read it again"));
        taskLog.record(
                task.id(),
                subtask,
                "subtask retried",
                mapper.createObjectNode().put("by", by).put("attempt", attempt).toString());
        events.publishEvent(new SubtaskTouched(task.id(), subtask));
        return new SubtaskRetried(subtask, "pending", attempt);
    }

    /** The refusal of a change the subtask's status does not allow; 404 when the task has no such subtask. */
    private RuntimeException refusal(TaskRef task, UUID subtask, String rule) {
        return new ConflictException(rule + "; this one is " + status(task, subtask));
    }

    private String status(TaskRef task, UUID subtask) {
        return jdbc.sql(SUBTASK_STATUS)
                .param("task", task.id())
                .param("subtask", subtask)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("subtask " + subtask));
    }
}
