package dev.imagegen.schema;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tags, tasks that use them and completions, as the gallery tests write them. */
final class GalleryRows {

    private final JdbcClient jdbc;

    GalleryRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID tag(String name) {
        UUID uuid = UUID.randomUUID();
        jdbc.sql("INSERT INTO tags (uuid, type, name, value) VALUES (?, 'prompt', ?, ?)")
                .params(uuid, name, name)
                .update();
        return uuid;
    }

    static String prompts(List<UUID> tags) {
        return tags.stream()
                .map(tag -> "{\"uuid\": \"" + tag + "\", \"type\": \"prompt\", \"value\": \"v\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** A task whose fixed tags are {@code tags}, with {@code count} pending subtasks carrying them. */
    UUID task(int userId, List<UUID> tags, int count) {
        UUID task = jdbc.sql("INSERT INTO tasks (name, user_id, prompts) VALUES ('gallery', ?, ?::jsonb) RETURNING id")
                .params(userId, prompts(tags))
                .query(UUID.class)
                .single();
        jdbc.sql("""
                INSERT INTO subtasks (task_id, variable_indices, prompts)
                SELECT ?, jsonb_build_object('v0', i), ?::jsonb FROM generate_series(0, ? - 1) AS i
                """).params(task, prompts(tags), count).update();
        return task;
    }

    /** Completes every pending subtask of the task in one statement, each with {@code images} images. */
    int completeAll(UUID task, int images) {
        return jdbc.sql("""
                UPDATE subtasks SET status = 'completed', completed_at = now(),
                       result = jsonb_build_object('images',
                                (SELECT coalesce(jsonb_agg(jsonb_build_object('url', '/images/x/' || i)), '[]')
                                   FROM generate_series(1, ?) AS i))
                 WHERE task_id = ? AND status <> 'completed'
                """).params(images, task).update();
    }

    List<UUID> subtasks(UUID task) {
        return jdbc.sql("SELECT id FROM subtasks WHERE task_id = ? ORDER BY id")
                .param(task)
                .query(UUID.class)
                .list();
    }

    long tagImages(UUID tag) {
        return jdbc.sql("SELECT image_count FROM tags WHERE uuid = ?")
                .param(tag)
                .query(Long.class)
                .single();
    }

    int tagTasks(UUID tag) {
        return jdbc.sql("SELECT task_count FROM tags WHERE uuid = ?")
                .param(tag)
                .query(Integer.class)
                .single();
    }

    int likes(UUID subtask) {
        return jdbc.sql("SELECT like_count FROM artworks WHERE subtask_id = ?")
                .param(subtask)
                .query(Integer.class)
                .single();
    }

    int artworks(UUID task) {
        return jdbc.sql("SELECT count(*) FROM artworks WHERE task_id = ?")
                .param(task)
                .query(Integer.class)
                .single();
    }

    List<String> drift() {
        return jdbc.sql("SELECT kind || ' ' || record_id || ' ' || counter FROM check_gallery_counters_consistency()")
                .query(String.class)
                .list();
    }
}
