package dev.imagegen.api.gallery;

import dev.imagegen.api.problem.NotFoundException;
import dev.imagegen.api.task.TaskVisibility;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Likes: one per person and artwork, so liking twice or unliking what was not liked changes
 * nothing. The like count is the database's (a trigger on artwork_likes); an artwork the person
 * may not see answers 404, exactly like one that does not exist.
 */
@Component
class Likes {

    private static final String VISIBLE = """
            SELECT EXISTS (SELECT 1 FROM artworks a JOIN tasks t ON t.id = a.task_id
                            WHERE a.subtask_id = :subtask AND %s)
            """.formatted(TaskVisibility.SEES_TASK);
    private static final String LIKE = """
            INSERT INTO artwork_likes (subtask_id, user_id) VALUES (:subtask, :user) ON CONFLICT DO NOTHING
            """;
    private static final String UNLIKE = "DELETE FROM artwork_likes WHERE subtask_id = :subtask AND user_id = :user";
    private static final String STATE = """
            SELECT a.subtask_id, EXISTS (SELECT 1 FROM artwork_likes l
                                          WHERE l.subtask_id = a.subtask_id AND l.user_id = :user) AS liked_by_me,
                   a.like_count
              FROM artworks a WHERE a.subtask_id = :subtask
            """;

    private final JdbcClient jdbc;

    Likes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    Liked like(UUID subtask, int user, boolean staff, boolean like) {
        boolean visible = jdbc.sql(VISIBLE)
                .param("subtask", subtask)
                .param("staff", staff)
                .param("viewer", user)
                .query(Boolean.class)
                .single();
        if (!visible) {
            throw new NotFoundException("artwork " + subtask);
        }
        jdbc.sql(like ? LIKE : UNLIKE)
                .param("subtask", subtask)
                .param("user", user)
                .update();
        return jdbc.sql(STATE)
                .param("subtask", subtask)
                .param("user", user)
                .query(Liked.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("artwork " + subtask));
    }
}
