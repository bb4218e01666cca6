package dev.imagegen.api.gallery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the gallery triggers add to a set-based completion: one UPDATE completing 10,000 subtasks
 * (5 library tags, 2 images each) with every trigger, with the three gallery triggers on subtasks
 * disabled, and, last (it changes the schema of the benchmark's database), with every trigger but
 * without the foreign key from artworks to subtasks, to show that key's share.
 */
final class GalleryTriggerCost {

    private static final int SUBTASKS = 10_000;
    private static final String COMPLETE = """
            UPDATE subtasks SET status = 'completed', completed_at = clock_timestamp(),
                   result = '{"images": [{"url": "/images/a.png"}, {"url": "/images/b.png"}]}'
             WHERE task_id = ?
            """;
    private static final String[] SYNC_TRIGGERS = {
        "subtasks_sync_artworks_inserts", "subtasks_sync_artworks_updates", "subtasks_sync_artworks_deletes"
    };

    private final JdbcClient jdbc;

    GalleryTriggerCost(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String measure() {
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            on.add(complete(true));
            off.add(complete(false));
        }
        jdbc.sql("ALTER TABLE artworks DROP CONSTRAINT fk_artworks_subtask").update();
        List<Double> withoutKey = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            withoutKey.add(complete(true));
        }
        Collections.sort(on);
        Collections.sort(off);
        Collections.sort(withoutKey);
        return """
                | completing 10,000 subtasks, 5 tags each, one statement | fastest ms | median ms | slowest ms |
                |---|---:|---:|---:|
                | every trigger | %s |
                | gallery triggers disabled | %s |
                | every trigger, no foreign key from artworks to subtasks | %s |

                Ratio of the medians (with / without the gallery triggers): %.2f
                """.formatted(join(on), join(off), join(withoutKey), on.get(1) / off.get(1));
    }

    /** Milliseconds to complete a fresh task's subtasks in one statement; the task is deleted after. */
    private double complete(boolean gallery) {
        UUID task = pendingTask();
        if (!gallery) {
            setSyncTriggers(false);
        }
        long t0 = System.nanoTime();
        jdbc.sql(COMPLETE).param(task).update();
        double ms = (System.nanoTime() - t0) / 1e6;
        jdbc.sql("DELETE FROM tasks WHERE id = ?").param(task).update();
        if (!gallery) {
            setSyncTriggers(true);
        }
        return ms;
    }

    private static String join(List<Double> values) {
        return "%.0f | %.0f | %.0f".formatted(values.get(0), values.get(1), values.get(2));
    }

    private UUID pendingTask() {
        String prompts = jdbc.sql("""
                        SELECT jsonb_agg(jsonb_build_object('uuid', uuid, 'type', type, 'value', value))::text
                          FROM (SELECT uuid, type, value FROM tags ORDER BY random() LIMIT 5) t
                        """).query(String.class).single();
        UUID task = jdbc.sql("""
                        INSERT INTO tasks (name, user_id, prompts)
                        VALUES ('trigger cost', (SELECT min(id) FROM users), CAST(? AS jsonb)) RETURNING id
                        """).param(prompts).query(UUID.class).single();
        jdbc.sql("""
                INSERT INTO subtasks (task_id, variable_indices, prompts)
                SELECT ?, jsonb_build_object('v0', i), CAST(? AS jsonb) FROM generate_series(0, ? - 1) AS i
                """).params(task, prompts, SUBTASKS).update();
        return task;
    }

    private void setSyncTriggers(boolean enabled) {
        for (String trigger : SYNC_TRIGGERS) {
            jdbc.sql("ALTER TABLE subtasks " + (enabled ? "ENABLE" : "DISABLE") + " TRIGGER " + trigger)
                    .update();
        }
    }
}
