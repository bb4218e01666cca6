package dev.imagegen.api.action;

import dev.imagegen.api.action.ActionBodies.Cancelled;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * What people do to a task, each in one transaction with its task_logs row. Rows are changed in
 * the workers' order (queue_tasks, subtasks, then the task), so a cancel and a claim never deadlock;
 * a cancel takes the task out of its queue's backlog before that, which admissions pass over.
 */
@Component
class TaskActions {

    private static final String DROP_BACKLOG = "SELECT drop_task_backlog(:task)";
    private static final String CANCEL_PENDING_ATTEMPTS = """
            UPDATE queue_tasks SET status = 'cancelled', completed_at = now()
             WHERE task_id = :task AND status = 'pending'
            """;
    private static final String CANCEL_PENDING_SUBTASKS = """
            UPDATE subtasks SET status = 'cancelled', completed_at = now()
             WHERE task_id = :task AND status = 'pending'
            """;
    private static final String COUNT_RUNNING_SUBTASKS = """
            SELECT count(*) FROM subtasks WHERE task_id = :task AND status = 'processing'
            """;
    // When the cancel took the task's last open subtasks, the status rule has just finished the task
    // (completed, as some subtask completed): the user's cancel is what ended it.
    private static final String MARK_TASK_CANCELLED = """
            UPDATE tasks SET status = 'cancelled', completed_at = coalesce(completed_at, now())
             WHERE id = :task AND (status NOT IN ('completed', 'failed', 'cancelled')
                                   OR status <> 'cancelled' AND CAST(:cancelledSome AS boolean))
            """;
    private static final String MARK_TASK_DELETED = "UPDATE tasks SET is_deleted = true WHERE id = :task";
    private static final String SET_VISIBILITY = """
            UPDATE tasks SET visibility = CAST(:visibility AS task_visibility)
             WHERE id = :task AND visibility <> CAST(:visibility AS task_visibility)
            """;

    // Failed subtasks go back to pending with a new dispatch attempt (the next attempt number) on
    // the task's queue, or on the queue of their last attempt for tasks written before routing.
    private static final String RETRY_FAILED_SUBTASKS = """
            WITH retried AS (
                UPDATE subtasks SET status = 'pending', error = NULL, result = NULL, started_at = NULL,
                                    completed_at = NULL
                 WHERE task_id = :task AND status = 'failed'
             RETURNING task_id, id)
            INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority, attempt)
            SELECT coalesce(CAST(:queue AS integer), last.queue_id), r.task_id, r.id, :priority,
                   coalesce(last.attempt, 0) + 1
              FROM retried r
              LEFT JOIN LATERAL (SELECT q.queue_id, q.attempt FROM queue_tasks q
                                  WHERE q.task_id = r.task_id AND q.subtask_id = r.id
                                  ORDER BY q.attempt DESC, q.id DESC LIMIT 1) last ON true
            """;

    private static final String RATE_SUBTASK = """
            UPDATE subtasks SET rating = CAST(:rating AS quality_rating), evaluation = :evaluation
             WHERE task_id = :task AND id = :subtask AND status = 'completed'
            """;
    private static final String SUBTASK_STATUS = """
            SELECT status::text FROM subtasks WHERE task_id = :task AND id = :subtask
            """;

    private final JdbcClient jdbc;
    private final TaskLog taskLog;
    private final ObjectMapper mapper;
    private final ApplicationEventPublisher events;

    TaskActions(JdbcClient jdbc, TaskLog taskLog, ObjectMapper mapper, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.taskLog = taskLog;
        this.mapper = mapper;
        this.events = events;
    }

    /** Sets who sees the task's work; a change is logged, setting the same visibility again writes nothing. */
    @Transactional
    void share(TaskRef task, String visibility, String by) {
        int changed = jdbc.sql(SET_VISIBILITY)
                .param("task", task.id())
                .param("visibility", visibility)
                .update();
        if (changed > 0) {
            taskLog.record(
                    task.id(),
                    null,
                    "visibility changed",
                    mapper.writeValueAsString(mapper.createObjectNode()
                            .put("visibility", visibility)
                            .put("by", by)));
        }
    }

    @Transactional
    Cancelled cancel(TaskRef task, String by) {
        if (task.status().equals("completed") || task.status().equals("failed")) {
            throw new ConflictException("the task is already " + task.status());
        }
        Cancelled cancelled = cancelPendingWork(task.id());
        taskLog.record(task.id(), null, "cancelled", details(by, cancelled));
        return cancelled;
    }

    @Transactional
    void delete(TaskRef task, String by) {
        Cancelled cancelled = cancelPendingWork(task.id());
        jdbc.sql(MARK_TASK_DELETED).param("task", task.id()).update();
        taskLog.record(task.id(), null, "deleted", details(by, cancelled));
    }

    @Transactional
    int retry(TaskRef task, String by) {
        if (task.status().equals("cancelled")) {
            throw new ConflictException("the task is cancelled; submit it again instead");
        }
        int retried = jdbc.sql(RETRY_FAILED_SUBTASKS)
                .param("task", task.id())
                .param("queue", task.queueId())
                .param("priority", task.priority())
                .update();
        taskLog.record(
                task.id(), null, "retried", json(by).put("subtasks", retried).toString());
        return retried;
    }

    @Transactional
    void rate(TaskRef task, UUID subtask, String rating, String evaluation, String by) {
        int rated = jdbc.sql(RATE_SUBTASK)
                .param("task", task.id())
                .param("subtask", subtask)
                .param("rating", rating)
                .param("evaluation", evaluation)
                .update();
        if (rated == 0) {
            String status = jdbc.sql(SUBTASK_STATUS)
                    .param("task", task.id())
                    .param("subtask", subtask)
                    .query(String.class)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("subtask " + subtask));
            throw new ConflictException("only a completed subtask can be rated; this one is " + status);
        }
        taskLog.record(
                task.id(), subtask, "rated", json(by).put("rating", rating).toString());
        events.publishEvent(new SubtaskTouched(task.id(), subtask));
    }

    private Cancelled cancelPendingWork(UUID task) {
        // First out of the backlog: an admission running meanwhile passes the task over (V160).
        jdbc.sql(DROP_BACKLOG).param("task", task).query(Boolean.class).single();
        int attempts = jdbc.sql(CANCEL_PENDING_ATTEMPTS).param("task", task).update();
        int subtasks = jdbc.sql(CANCEL_PENDING_SUBTASKS).param("task", task).update();
        long running = jdbc.sql(COUNT_RUNNING_SUBTASKS)
                .param("task", task)
                .query(Long.class)
                .single();
        jdbc.sql(MARK_TASK_CANCELLED)
                .param("task", task)
                .param("cancelledSome", subtasks > 0)
                .update();
        return new Cancelled(subtasks, attempts, running);
    }

    private String details(String by, Cancelled cancelled) {
        return json(by).put("cancelled_subtasks", cancelled.cancelledSubtasks())
                .put("cancelled_attempts", cancelled.cancelledAttempts())
                .put("running_subtasks", cancelled.runningSubtasks())
                .toString();
    }

    private ObjectNode json(String by) {
        return mapper.createObjectNode().put("by", by);
    }
}
