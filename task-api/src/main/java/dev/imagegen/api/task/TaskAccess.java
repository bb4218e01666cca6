package dev.imagegen.api.task;

import dev.imagegen.api.problem.NotFoundException;
import dev.imagegen.api.security.Account;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decides whether a person may see or act on a task. A task they may not see answers 404, exactly
 * like a task that does not exist, so ids of other people's tasks reveal nothing.
 */
@Component
public class TaskAccess {

    private static final String FIND_TASK = """
            SELECT id, user_id, status::text AS status, queue_id, priority FROM tasks t
             WHERE id = :id AND NOT is_deleted
            """;

    private static final String FIND_VISIBLE_TASK = FIND_TASK + " AND " + TaskVisibility.SEES_TASK;

    private final JdbcClient jdbc;

    TaskAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The task if {@code viewer} may read it, by {@link TaskVisibility}. */
    public TaskRef readable(UUID taskId, Account viewer) {
        return jdbc.sql(FIND_VISIBLE_TASK)
                .param("id", taskId)
                .param("staff", TaskVisibility.staff(viewer))
                .param("viewer", TaskVisibility.owner(viewer))
                .query(TaskRef.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("task " + taskId));
    }

    /**
     * The task if {@code actor} may change it. Not row-locked: changes lock queue_tasks, then
     * subtasks, then (through the counting trigger) the task, in the order the workers do.
     */
    public TaskRef changeable(UUID taskId, Account actor) {
        return find(FIND_TASK, taskId, actor.actsOnAllTasks(), actor);
    }

    private TaskRef find(String sql, UUID taskId, boolean anyTask, Account account) {
        TaskRef task = jdbc.sql(sql)
                .param("id", taskId)
                .query(TaskRef.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("task " + taskId));
        if (!anyTask && task.userId() != account.id()) {
            throw new NotFoundException("task " + taskId);
        }
        return task;
    }

    /** The few facts about a task that access and actions need. */
    public record TaskRef(UUID id, int userId, String status, Integer queueId, int priority) {}
}
