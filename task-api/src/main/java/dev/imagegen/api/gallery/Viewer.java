package dev.imagegen.api.gallery;

import dev.imagegen.api.security.Account;

/**
 * Which artworks a person sees: staff (admins, managers) every one; a user their own tasks' and
 * shared ones; a guest shared ones only. Artworks of deleted tasks are seen by nobody.
 */
final class Viewer {

    /** SQL over tasks {@code t}: true when the viewer (param {@code viewer}) may see the task's artworks. */
    static final String SEES_TASK = """
            NOT t.is_deleted AND (CAST(:staff AS boolean) OR t.visibility = 'shared' OR t.user_id = :viewer)""";

    private Viewer() {}

    static boolean staff(Account account) {
        return account.actsOnAllTasks();
    }

    /** The viewer's id for the ownership test; a guest owns nothing, so no task matches. */
    static int owner(Account account) {
        return account.role().equals("guest") ? -1 : account.id();
    }
}
