package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GalleryCountersTest {

    static SchemaDatabase db;
    static GalleryRows rows;
    static int user;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("gallery_counters");
        rows = new GalleryRows(db.jdbc);
        user = db.createUser("gallery-user");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aTaskCountsOnceForEachTagItUsesFixedOrVariable() {
        UUID fixed = rows.tag("fixed");
        UUID variable = rows.tag("variable");
        db.jdbc
                .sql("""
                INSERT INTO tasks (name, user_id, prompts, variables)
                VALUES ('t', ?, ?::jsonb, jsonb_build_object('v0', jsonb_build_object('type', 'prompt',
                        'values', ?::jsonb)))
                """)
                .params(user, GalleryRows.prompts(List.of(fixed, fixed)), GalleryRows.prompts(List.of(variable)))
                .update();
        rows.task(user, List.of(fixed), 0);

        assertThat(rows.tagTasks(fixed)).isEqualTo(2);
        assertThat(rows.tagTasks(variable)).isEqualTo(1);
        db.jdbc
                .sql("DELETE FROM tasks WHERE user_id = ? AND prompts @> ?::jsonb")
                .params(user, GalleryRows.prompts(List.of(fixed)))
                .update();
        assertThat(rows.tagTasks(fixed)).isZero();
        assertThat(rows.tagTasks(variable)).isZero();
        assertThat(rows.drift()).isEmpty();
    }

    @Test
    void completingManySubtasksInOneStatementMakesArtworksAndCountsTheirImagesPerTag() {
        UUID a = rows.tag("a");
        UUID b = rows.tag("b");
        UUID task = rows.task(user, List.of(a, b), 500);

        assertThat(rows.completeAll(task, 3)).isEqualTo(500);

        assertThat(rows.artworks(task)).isEqualTo(500);
        assertThat(rows.tagImages(a)).isEqualTo(1500);
        assertThat(rows.tagImages(b)).isEqualTo(1500);
        assertThat(db.jdbc
                        .sql("SELECT sum(image_count) FROM artworks WHERE task_id = ?")
                        .param(task)
                        .query(Long.class)
                        .single())
                .isEqualTo(1500);
        assertThat(rows.drift()).isEmpty();
    }

    @Test
    void aResultThatChangesOrASubtaskThatLeavesCompletedMovesTheCounters() {
        UUID tag = rows.tag("moving");
        UUID task = rows.task(user, List.of(tag), 4);
        rows.completeAll(task, 2);
        List<UUID> subtasks = rows.subtasks(task);

        db.jdbc
                .sql("UPDATE subtasks SET result = '{\"images\": [{}, {}, {}, {}]}' WHERE task_id = ? AND id = ?")
                .params(task, subtasks.get(0))
                .update();
        assertThat(rows.tagImages(tag)).isEqualTo(10);
        db.jdbc
                .sql("UPDATE subtasks SET status = 'failed' WHERE task_id = ? AND id = ?")
                .params(task, subtasks.get(1))
                .update();
        assertThat(rows.tagImages(tag)).isEqualTo(8);
        assertThat(rows.artworks(task)).isEqualTo(3);
        db.jdbc
                .sql("UPDATE subtasks SET rating = 'good' WHERE task_id = ?")
                .param(task)
                .update();
        assertThat(rows.tagImages(tag)).isEqualTo(8);
        db.jdbc.sql("DELETE FROM tasks WHERE id = ?").param(task).update();
        assertThat(rows.tagImages(tag)).isZero();
        assertThat(rows.tagTasks(tag)).isZero();
        assertThat(rows.drift()).isEmpty();
    }

    @Test
    void likingIsOnePerPersonAndTheCountFollowsLikesAndUnlikes() {
        UUID task = rows.task(user, List.of(), 1);
        rows.completeAll(task, 1);
        UUID art = rows.subtasks(task).getFirst();
        int other = db.createUser("liker-" + UUID.randomUUID().toString().substring(0, 8));
        String like = "INSERT INTO artwork_likes (subtask_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING";

        db.jdbc.sql(like).params(art, user).update();
        db.jdbc.sql(like).params(art, user).update();
        db.jdbc.sql(like).params(art, other).update();
        assertThat(rows.likes(art)).isEqualTo(2);
        db.jdbc
                .sql("DELETE FROM artwork_likes WHERE subtask_id = ? AND user_id = ?")
                .params(art, other)
                .update();
        assertThat(rows.likes(art)).isEqualTo(1);
        assertThat(rows.drift()).isEmpty();
    }

    @Test
    void aCounterThatWouldFallBelowZeroIsClampedAndTheGuardHitAudited() {
        UUID tag = rows.tag("guarded");
        UUID task = rows.task(user, List.of(tag), 1);
        rows.completeAll(task, 2);
        UUID art = rows.subtasks(task).getFirst();
        db.jdbc
                .sql("INSERT INTO artwork_likes (subtask_id, user_id) VALUES (?, ?)")
                .params(art, user)
                .update();
        db.jdbc
                .sql("UPDATE artworks SET like_count = 0 WHERE subtask_id = ?")
                .param(art)
                .update();
        db.jdbc.sql("UPDATE tags SET image_count = 1 WHERE uuid = ?").param(tag).update();

        db.jdbc.sql("DELETE FROM artwork_likes WHERE subtask_id = ?").param(art).update();
        db.jdbc
                .sql("UPDATE subtasks SET status = 'failed' WHERE task_id = ?")
                .param(task)
                .update();

        assertThat(db.jdbc
                        .sql("SELECT like_count FROM artworks WHERE subtask_id = ?")
                        .param(art)
                        .query(Integer.class)
                        .optional())
                .isEmpty();
        assertThat(rows.tagImages(tag)).isZero();
        assertThat(db.jdbc
                        .sql("""
                        SELECT table_name || ':' || record_id FROM trigger_logs
                         WHERE error_message LIKE '%below zero%' AND record_id IN (?, ?) ORDER BY id
                        """)
                        .params(art.toString(), tag.toString())
                        .query(String.class)
                        .list())
                .containsExactly("artworks:" + art, "tags:" + tag);
    }

    @Test
    void driftInjectedByARawUpdateIsFoundAndFixed() {
        UUID tag = rows.tag("drifting");
        UUID task = rows.task(user, List.of(tag), 3);
        rows.completeAll(task, 2);
        List<UUID> subtasks = rows.subtasks(task);
        db.jdbc
                .sql("UPDATE tags SET image_count = 99, task_count = 7 WHERE uuid = ?")
                .param(tag)
                .update();
        db.jdbc
                .sql("UPDATE artworks SET like_count = 5, image_count = 0 WHERE subtask_id = ?")
                .param(subtasks.get(0))
                .update();
        db.jdbc
                .sql("DELETE FROM artworks WHERE subtask_id = ?")
                .param(subtasks.get(1))
                .update();

        assertThat(rows.drift())
                .containsExactlyInAnyOrder(
                        "artwork " + subtasks.get(0) + " image_count",
                        "artwork " + subtasks.get(0) + " like_count",
                        "artwork " + subtasks.get(1) + " exists",
                        "tag " + tag + " image_count",
                        "tag " + tag + " task_count");
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM fix_gallery_counter_inconsistencies()")
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);

        assertThat(rows.drift()).isEmpty();
        assertThat(rows.tagImages(tag)).isEqualTo(6);
        assertThat(rows.tagTasks(tag)).isEqualTo(1);
        assertThat(rows.artworks(task)).isEqualTo(3);
        assertThat(db.jdbc
                        .sql("""
                        SELECT count(*) FROM trigger_logs
                         WHERE trigger_name = 'fix_gallery_counter_inconsistencies' AND record_id IN (?, ?, ?)
                        """)
                        .params(
                                tag.toString(),
                                subtasks.get(0).toString(),
                                subtasks.get(1).toString())
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
    }
}
