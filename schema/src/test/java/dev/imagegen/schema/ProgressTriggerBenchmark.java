package dev.imagegen.schema;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The seed's row-level progress trigger against the statement-level triggers of the schema, on the
 * same server in one run: insert N subtasks in one statement, complete them one statement per
 * subtask, each in its own transaction as workers do (looped in the server, so that client round
 * trips, equal for both, do not hide the triggers' cost), and, after resetting them to pending, complete them all in one statement. A
 * third run with no progress trigger at all gives the floor: the cost of the writes themselves.
 * Prints a markdown table. Arguments: task sizes (default 1000 5000 10000).
 */
public final class ProgressTriggerBenchmark {

    private ProgressTriggerBenchmark() {}

    private enum Variant {
        SEED("/benchmark/seed_progress_trigger.sql"),
        OURS(null),
        NONE("/benchmark/no_progress_trigger.sql");

        final String script;

        Variant(String script) {
            this.script = script;
        }
    }

    private record Timings(double insertAll, double completeEach, double completeAll) {
        double total() {
            return insertAll + completeEach + completeAll;
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0
                ? List.of(1_000, 5_000, 10_000)
                : Arrays.stream(args).map(Integer::valueOf).toList();

        System.out.println("| subtasks | step | seed row trigger (ms) | statement triggers (ms) | no trigger (ms) "
                + "| seed / ours | ours / no trigger |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            Timings seed = run(size, Variant.SEED);
            Timings ours = run(size, Variant.OURS);
            Timings none = run(size, Variant.NONE);
            row(size, "insert all, one statement", seed.insertAll(), ours.insertAll(), none.insertAll());
            row(size, "complete one by one", seed.completeEach(), ours.completeEach(), none.completeEach());
            row(size, "complete all, one statement", seed.completeAll(), ours.completeAll(), none.completeAll());
            row(size, "total", seed.total(), ours.total(), none.total());
        }
        System.exit(0);
    }

    private static void row(int size, String step, double seedMs, double oursMs, double noneMs) {
        System.out.printf(
                "| %,d | %s | %,.0f | %,.1f | %,.1f | %,.0fx | %,.2fx |%n",
                size, step, seedMs, oursMs, noneMs, seedMs / oursMs, oursMs / noneMs);
    }

    private static Timings run(int size, Variant variant) throws IOException {
        TestDatabase database = TestServers.postgres()
                .migratedDatabase("bench_" + variant.name().toLowerCase());
        try (HikariDataSource dataSource = database.newDataSource(2)) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            if (variant.script != null) {
                jdbc.sql(resource(variant.script)).update();
            }
            int user = jdbc.sql("INSERT INTO users (username, hashed_password) VALUES ('bench', 'x') RETURNING id")
                    .query(Integer.class)
                    .single();
            // The seed's application writes total_images itself; the statement triggers count it.
            UUID task = jdbc.sql("INSERT INTO tasks (name, user_id, total_images) VALUES ('bench', ?, ?) RETURNING id")
                    .params(user, variant == Variant.OURS ? 0 : size)
                    .query(UUID.class)
                    .single();

            long start = System.nanoTime();
            jdbc.sql("""
                    INSERT INTO subtasks (task_id, variable_indices)
                    SELECT ?, jsonb_build_object('v0', i) FROM generate_series(0, ? - 1) AS i
                    """).params(task, size).update();
            double insertAll = millisSince(start);

            start = System.nanoTime();
            jdbc.sql("""
                    DO $$
                    DECLARE
                        subtask RECORD;
                    BEGIN
                        FOR subtask IN SELECT id FROM subtasks WHERE task_id = '%s' LOOP
                            UPDATE subtasks SET status = 'completed' WHERE task_id = '%s' AND id = subtask.id;
                            COMMIT;
                        END LOOP;
                    END
                    $$
                    """.formatted(task, task)).update();
            double completeEach = millisSince(start);
            check(jdbc, task, size, variant);

            jdbc.sql("UPDATE subtasks SET status = 'pending' WHERE task_id = ?")
                    .param(task)
                    .update();
            start = System.nanoTime();
            jdbc.sql("UPDATE subtasks SET status = 'completed' WHERE task_id = ?")
                    .param(task)
                    .update();
            double completeAll = millisSince(start);
            check(jdbc, task, size, variant);
            return new Timings(insertAll, completeEach, completeAll);
        }
    }

    /** Both triggers must have produced the finished task; a fast wrong answer is no result. */
    private static void check(JdbcClient jdbc, UUID task, int size, Variant variant) {
        if (variant == Variant.NONE) {
            return;
        }
        var row = jdbc.sql("SELECT processed_images, progress, status::text FROM tasks WHERE id = ?")
                .param(task)
                .query()
                .singleRow();
        if (!row.get("processed_images").equals(size)
                || !row.get("progress").equals(100)
                || !row.get("status").equals("completed")) {
            throw new IllegalStateException("Wrong task state after the run: " + row);
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ProgressTriggerBenchmark.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
