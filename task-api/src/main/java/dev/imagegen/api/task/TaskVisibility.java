package dev.imagegen.api.task;

import dev.imagegen.api.security.Account;

/**
 * Who sees a task and its work (subtasks, images, progress, artworks): staff (admins, managers)
 * every task; a user their own tasks and shared ones; a guest shared ones only. Deleted tasks are
 * seen by nobody. Every read path applies this one rule, written once here for SQL.
 */
public final class TaskVisibility {

    /**
     * SQL over tasks {@code t}: true when the viewer may see the task. Parameters: {@code staff}
     * ({@link #staff}) and {@code viewer} ({@link #owner}).
     */
    public static final String SEES_TASK = """
            NOT t.is_deleted AND (CAST(:staff AS boolean) OR t.visibility = 'shared' OR t.user_id = :viewer)""";

    private TaskVisibility() {}

    /** Whether the account sees every task. */
    public static boolean staff(Account account) {
        return account.seesAllTasks();
    }

    /** The account's id for the ownership test; for a guest, who owns nothing, an id no task has. */
    public static int owner(Account account) {
        return account.ownsTasks() ? account.id() : -1;
    }
}
