package dev.imagegen.api.gallery;

import dev.imagegen.api.TaskApiApplication;
import dev.imagegen.api.tag.TagSearchProbe;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gallery on generated data: tag search, a gallery page by tag sorted by likes, like and
 * unlike (each through the query the API runs), and the trigger cost of completing 10,000 subtasks
 * with 5 tags each in one statement with and without the gallery triggers. Run:
 * {@code ./mvnw -pl task-api exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.imagegen.api.gallery.GalleryBenchmark -Dexec.args="artworks tags users"}
 * (default 100000 10000 1000). Prints markdown tables; {@code -Dexplain=true} prints the plans first,
 * {@code -Dtrigger.only=true} measures only the completion.
 */
public final class GalleryBenchmark {

    private static final int RUNS = 1000;

    public static void main(String[] args) throws Exception {
        int artworks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int tagCount = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        TestDatabase database = TestServers.postgres().migratedDatabase("gallery_benchmark");
        String[] properties = {
            "--spring.datasource.url=" + database.jdbcUrl(),
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password(),
            "--server.port=0",
            "--imagegen.maintenance.enabled=false",
            "--logging.level.root=WARN"
        };
        try (ConfigurableApplicationContext context = new SpringApplication(TaskApiApplication.class).run(properties)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            GalleryData data = new GalleryData(jdbc);
            long t0 = System.nanoTime();
            data.users(users);
            data.tags(tagCount);
            data.artworks(artworks, 50_000);
            data.likes(2.0);
            // As autovacuum would by now: moves fresh GIN entries out of their pending lists, then analyzes.
            jdbc.sql("VACUUM ANALYZE").update();
            System.out.printf(
                    "Generated %d artworks, %d tags, %d users, %d likes in %.0f s%n",
                    count(jdbc, "artworks"),
                    count(jdbc, "tags"),
                    count(jdbc, "users"),
                    count(jdbc, "artwork_likes"),
                    (System.nanoTime() - t0) / 1e9);

            StringBuilder table = new StringBuilder("""
                    | operation | runs | p50 ms | p95 ms | p99 ms | max ms | goal p99 ms |
                    |---|---:|---:|---:|---:|---:|---:|
                    """);
            Random random = new Random(16);
            List<String[]> names = jdbc.sql("SELECT name, name_en, name_zh FROM tags ORDER BY random() LIMIT 500")
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                    .list();
            List<UUID> tags = jdbc.sql("SELECT uuid FROM tags ORDER BY random() LIMIT 500")
                    .query(UUID.class)
                    .list();
            List<Integer> viewers = jdbc.sql("SELECT id FROM users ORDER BY random() LIMIT 200")
                    .query(Integer.class)
                    .list();
            List<UUID> shared = jdbc.sql("""
                            SELECT a.subtask_id FROM artworks a JOIN tasks t ON t.id = a.task_id
                             WHERE t.visibility = 'shared' ORDER BY random() LIMIT 500
                            """).query(UUID.class).list();

            if (Boolean.getBoolean("trigger.only")) {
                System.out.println(new GalleryTriggerCost(jdbc).measure());
                return;
            }
            TagSearchProbe search = new TagSearchProbe(context);
            GalleryQuery gallery = context.getBean(GalleryQuery.class);
            Likes likes = context.getBean(Likes.class);
            if (Boolean.getBoolean("explain")) {
                explain(jdbc, search, gallery, names.getFirst(), tags.getFirst(), viewers.getFirst());
                if (Boolean.getBoolean("explain.only")) {
                    return;
                }
            }
            row(table, "tag search, exact name (any language)", 20, i -> {
                String[] tag = names.get(i % names.size());
                search.search(tag[i % 3], 20);
            });
            row(
                    table,
                    "tag search, partial word (first 5 letters)",
                    20,
                    i -> search.search(names.get(i % names.size())[1].substring(0, 5), 20));
            row(
                    table,
                    "tag search, typo (two letters swapped)",
                    20,
                    i -> search.search(typo(names.get(i % names.size())[0]), 20));
            row(
                    table,
                    "gallery page by tag, sorted by likes (24 items, a user)",
                    50,
                    i -> gallery.page(
                            new GalleryQuery.Filter(tags.get(i % tags.size()), null, null, false, true, null, 24),
                            false,
                            viewers.get(i % viewers.size())));
            row(
                    table,
                    "gallery page, newest (24 items, a user)",
                    0,
                    i -> gallery.page(
                            new GalleryQuery.Filter(null, null, null, false, false, null, 24),
                            false,
                            viewers.get(i % viewers.size())));
            row(
                    table,
                    "like",
                    10,
                    i -> likes.like(
                            shared.get(i % shared.size()), viewers.get(random.nextInt(viewers.size())), false, true));
            row(
                    table,
                    "unlike",
                    10,
                    i -> likes.like(
                            shared.get(i % shared.size()), viewers.get(random.nextInt(viewers.size())), false, false));
            System.out.println();
            System.out.print(table);

            System.out.println();
            System.out.println(new GalleryTriggerCost(jdbc).measure());
            System.out.printf(
                    "%nGallery counters that drift from a recount after the run: %d%n",
                    jdbc.sql("SELECT count(*) FROM check_gallery_counters_consistency()")
                            .query(Integer.class)
                            .single());
        }
    }

    /** Prints the plans of a tag search (exact and with a typo) and of the two gallery pages. */
    private static void explain(
            JdbcClient jdbc, TagSearchProbe search, GalleryQuery gallery, String[] names, UUID tag, int viewer) {
        for (String q : new String[] {names[0], names[1], names[2], names[1].substring(0, 5), typo(names[0])}) {
            System.out.println("Tag search plan for " + q + ":\n" + search.explain(q));
        }
        for (boolean byTag : new boolean[] {true, false}) {
            var statement = gallery.statement(
                    new GalleryQuery.Filter(byTag ? tag : null, null, null, false, byTag, null, 24), false, viewer);
            System.out.println((byTag ? "Gallery by tag, by likes" : "Gallery newest") + " plan:\n"
                    + String.join(
                            "\n",
                            jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql())
                                    .params(statement.params())
                                    .query(String.class)
                                    .list()));
        }
    }

    private static void row(StringBuilder table, String name, int goal, IntConsumer call) {
        for (int i = 0; i < 100; i++) {
            call.accept(i);
        }
        List<Double> millis = new ArrayList<>(RUNS);
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            call.accept(i);
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(millis);
        table.append("| %s | %d | %.2f | %.2f | %.2f | %.2f | %s |%n"
                .formatted(
                        name,
                        RUNS,
                        millis.get(RUNS / 2),
                        millis.get(RUNS * 95 / 100),
                        millis.get(RUNS * 99 / 100),
                        millis.getLast(),
                        goal == 0 ? "" : String.valueOf(goal)));
    }

    private static String typo(String word) {
        char[] letters = word.toCharArray();
        char swap = letters[2];
        letters[2] = letters[3];
        letters[3] = swap;
        return new String(letters);
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
