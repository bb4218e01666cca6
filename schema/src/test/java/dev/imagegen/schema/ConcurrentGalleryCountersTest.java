package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gallery counters under writers that run at the same time, sampled against a recount while they run. */
class ConcurrentGalleryCountersTest {

    static SchemaDatabase db;
    static GalleryRows rows;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("gallery_concurrent", 12);
        rows = new GalleryRows(db.jdbc);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void eightConcurrentLikersAndUnlikersOfTheSameArtworksLeaveExactCounts() throws Exception {
        int owner = db.createUser("liked-owner");
        UUID task = rows.task(owner, List.of(), 4);
        rows.completeAll(task, 1);
        List<UUID> artworks = rows.subtasks(task);
        List<Integer> likers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            likers.add(db.createUser("liker" + i));
        }

        List<Callable<Integer>> work = new ArrayList<>();
        for (int liker : likers) {
            work.add(() -> {
                for (int i = 0; i < 300; i++) {
                    UUID art = artworks.get(ThreadLocalRandom.current().nextInt(artworks.size()));
                    if (ThreadLocalRandom.current().nextBoolean()) {
                        db.jdbc
                                .sql(
                                        "INSERT INTO artwork_likes (subtask_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                                .params(art, liker)
                                .update();
                    } else {
                        db.jdbc
                                .sql("DELETE FROM artwork_likes WHERE subtask_id = ? AND user_id = ?")
                                .params(art, liker)
                                .update();
                    }
                }
                return 0;
            });
        }
        int samples = runSampling(work);

        assertThat(samples).isPositive();
        for (UUID art : artworks) {
            int recount = db.jdbc
                    .sql("SELECT count(*) FROM artwork_likes WHERE subtask_id = ?")
                    .param(art)
                    .query(Integer.class)
                    .single();
            assertThat(rows.likes(art)).as("likes of %s", art).isEqualTo(recount);
        }
        assertThat(rows.drift()).isEmpty();
    }

    @Test
    void concurrentCompletionsThatShareTagsLeaveExactTagCounts() throws Exception {
        int owner = db.createUser("completing-owner");
        List<UUID> shared = List.of(rows.tag("shared-1"), rows.tag("shared-2"), rows.tag("shared-3"));
        List<UUID> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            // Each task uses the shared tags in a different order, so lock order is the database's to keep.
            List<UUID> tags = new ArrayList<>(shared);
            java.util.Collections.rotate(tags, t);
            tags.add(rows.tag("own-" + t));
            tasks.add(rows.task(owner, tags, 60));
        }

        List<Callable<Integer>> work = new ArrayList<>();
        for (UUID task : tasks) {
            work.add(() -> {
                List<UUID> subtasks = rows.subtasks(task);
                for (int i = 0; i < subtasks.size(); i++) {
                    // Completions one at a time, with a batch of ten now and then, as workers and batches do.
                    if (i % 20 == 0) {
                        db.jdbc.sql("""
                                UPDATE subtasks SET status = 'completed', result = '{"images": [{}, {}]}'
                                 WHERE task_id = ? AND id IN (SELECT id FROM subtasks WHERE task_id = ?
                                                               AND status = 'pending' ORDER BY id LIMIT 10)
                                """).params(task, task).update();
                    } else {
                        db.jdbc.sql("""
                                UPDATE subtasks SET status = 'completed', result = '{"images": [{}, {}]}'
                                 WHERE task_id = ? AND id = ? AND status = 'pending'
                                """).params(task, subtasks.get(i)).update();
                    }
                }
                return 0;
            });
        }
        int samples = runSampling(work);

        assertThat(samples).isPositive();
        for (UUID tag : shared) {
            assertThat(rows.tagImages(tag)).isEqualTo(8 * 60 * 2);
            assertThat(rows.tagTasks(tag)).isEqualTo(8);
        }
        assertThat(rows.drift()).isEmpty();
    }

    /** Runs the writers while one more thread compares every counter with a recount; answers the samples taken. */
    private static int runSampling(List<Callable<Integer>> writers) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers.size() + 1)) {
            Future<Integer> sampler = pool.submit(() -> {
                int samples = 0;
                while (!done.get()) {
                    assertThat(rows.drift()).as("drift while writers run").isEmpty();
                    samples++;
                }
                return samples;
            });
            List<Future<Integer>> running = new ArrayList<>();
            for (Callable<Integer> writer : writers) {
                running.add(pool.submit(writer));
            }
            for (Future<Integer> writer : running) {
                writer.get();
            }
            done.set(true);
            return sampler.get();
        }
    }
}
