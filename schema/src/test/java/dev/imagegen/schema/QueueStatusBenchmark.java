package dev.imagegen.schema;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.testservers.PostgresServer;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the queue_task_counts triggers (V131) cost and save. (1) queue_status at N attempts of
 * history against V019's aggregate over the same rows. (2) Debian's pgbench replaying the workers'
 * protocol (settle_queue_tasks, batches of 32 completions + 32 claims, as the benchmarks module's
 * harness does) and the one-at-a-time protocol (claim_queue_task, complete_queue_task), with the
 * counter triggers on and disabled, alternating. Prints markdown. Arguments: history rows (default
 * 400000), pgbench seconds per run (default 8), rounds (default 2).
 */
public final class QueueStatusBenchmark {

    private static final String SETTLE = """
            \\set lo :base + (:k * :clients + :client_id) * 32
            \\set hi :lo + 31
            \\set plo :lo - :clients * 32
            \\set phi :plo + 31
            \\set k :k + 1
            SELECT count(*) FROM settle_queue_tasks('pgbench-' || :client_id, interval '30 seconds', ARRAY(SELECT generate_series(:plo, :phi)::bigint), array_fill(1, ARRAY[32]), array_fill('{"images": [], "model": "noop"}'::jsonb, ARRAY[32]), ARRAY(SELECT generate_series(:lo, :hi)::bigint));
            """;
    private static final String ONE_AT_A_TIME = """
            \\set qid :base + :client_id + :k * :clients
            \\set k :k + 1
            SELECT claim_queue_task(:qid, 'pgbench-' || :client_id, interval '30 seconds');
            SELECT complete_queue_task(:qid, 'pgbench-' || :client_id, 1, '{"images": [], "model": "noop"}'::jsonb);
            """;
    private static final String[] COUNTER_TRIGGERS = {
        "queue_tasks_count_status_inserts", "queue_tasks_count_status_updates", "queue_tasks_count_status_deletes"
    };
    private static final int CLIENTS = 2;

    private QueueStatusBenchmark() {}

    public static void main(String[] args) throws Exception {
        int history = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        PostgresServer server = TestServers.postgres();
        TestDatabase database = server.migratedDatabase("bench_queue_status");
        try (HikariDataSource dataSource = database.newDataSource(2)) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("UPDATE task_queues SET max_concurrent_tasks = 100000").update();
            int user = jdbc.sql("INSERT INTO users (username, hashed_password) VALUES ('bench', 'x') RETURNING id")
                    .query(Integer.class)
                    .single();
            seedHistory(jdbc, user, history);
            System.out.printf("%n| queue_status at %,d attempts | median ms | p95 ms |%n|---|---:|---:|%n", history);
            timeView(jdbc, "V019 aggregate over queue_tasks", QueueStatusRecount.V019_QUEUE_STATUS);
            timeView(jdbc, "counters (V132)", "SELECT * FROM queue_status ORDER BY id");

            System.out.printf(
                    "%n| protocol | counter triggers | tps | latency avg ms | attempts/s |%n|---|---|---:|---:|---:|%n");
            Path dir = Files.createTempDirectory("pgbench");
            for (int round = 0; round < rounds; round++) {
                for (boolean on : new boolean[] {true, false}) {
                    triggers(jdbc, on);
                    long base = seedPending(jdbc, user, 150_000);
                    report("settle_queue_tasks, 32 + 32", on, run(server, database, dir, SETTLE, base, seconds), 32);
                    base = seedPending(jdbc, user, 20_000);
                    report("claim tx + complete tx", on, run(server, database, dir, ONE_AT_A_TIME, base, seconds), 1);
                }
            }
            triggers(jdbc, true);
            triggerTimes(jdbc, user);
        }
        System.exit(0);
    }

    private static void seedHistory(JdbcClient jdbc, int user, int rows) {
        for (int left = rows; left > 0; left -= 10_000) {
            var id = jdbc.sql("INSERT INTO tasks (name, user_id) VALUES ('history', ?) RETURNING id")
                    .param(user)
                    .query(java.util.UUID.class)
                    .single();
            jdbc.sql("INSERT INTO subtasks (task_id, variable_indices) SELECT ?, jsonb_build_object('v0', i)"
                            + " FROM generate_series(0, ? - 1) AS i")
                    .params(id, Math.min(10_000, left))
                    .update();
            jdbc.sql("""
                    INSERT INTO queue_tasks (queue_id, task_id, subtask_id, status, started_at, completed_at)
                    SELECT 1 + n % 3, task_id, id,
                           CASE WHEN n % 20 = 0 THEN 'failed' WHEN n % 33 = 0 THEN 'cancelled' ELSE 'completed' END,
                           now() - make_interval(secs => 10 + n % 7), now()
                      FROM (SELECT task_id, id, row_number() OVER () AS n FROM subtasks WHERE task_id = ?) AS s
                    """).param(id).update();
        }
        jdbc.sql("VACUUM ANALYZE queue_tasks").update();
    }

    private static void timeView(JdbcClient jdbc, String label, String sql) {
        double[] ms = new double[35];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            jdbc.sql(sql).query().listOfRows();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        double[] timed = Arrays.copyOfRange(ms, 5, ms.length);
        Arrays.sort(timed);
        System.out.printf("| %s | %.2f | %.2f |%n", label, timed[timed.length / 2], timed[(int) (timed.length * 0.95)]);
    }

    private static void triggers(JdbcClient jdbc, boolean on) {
        for (String trigger : COUNTER_TRIGGERS) {
            jdbc.sql("ALTER TABLE queue_tasks " + (on ? "ENABLE" : "DISABLE") + " TRIGGER " + trigger)
                    .update();
        }
    }

    /** count pending attempts with consecutive ids on queue 1; answers the first id. */
    private static long seedPending(JdbcClient jdbc, int user, int count) {
        long base = jdbc.sql("SELECT coalesce(max(id), 0) + 1 FROM queue_tasks")
                .query(Long.class)
                .single();
        for (int left = count; left > 0; left -= 10_000) {
            var task = jdbc.sql("INSERT INTO tasks (name, user_id) VALUES ('pending', ?) RETURNING id")
                    .param(user)
                    .query(java.util.UUID.class)
                    .single();
            jdbc.sql("INSERT INTO subtasks (task_id, variable_indices) SELECT ?, jsonb_build_object('v0', i)"
                            + " FROM generate_series(0, ? - 1) AS i")
                    .params(task, Math.min(10_000, left))
                    .update();
            jdbc.sql("INSERT INTO queue_tasks (queue_id, task_id, subtask_id) SELECT 1, task_id, id FROM subtasks"
                            + " WHERE task_id = ? ORDER BY id")
                    .param(task)
                    .update();
        }
        jdbc.sql("VACUUM ANALYZE queue_tasks").update();
        return base;
    }

    /**
     * The triggers' own time per statement, as EXPLAIN ANALYZE reports it, for the two statements
     * of an attempt's life on the claim path (claim: pending to processing; settle: processing to
     * completed), on 1 and on 32 attempts; median of 21 statements each.
     */
    private static void triggerTimes(JdbcClient jdbc, int user) {
        System.out.printf(
                "%n| statement | attempts | counter trigger ms | slot trigger (V016) ms | statement total ms |%n"
                        + "|---|---:|---:|---:|---:|%n");
        for (int size : new int[] {1, 32}) {
            long base = seedPending(jdbc, user, 21 * size);
            for (String step : new String[] {"claim", "complete"}) {
                List<double[]> runs = new ArrayList<>();
                for (int i = 0; i < 21; i++) {
                    long lo = base + (long) i * size;
                    String sql = step.equals("claim")
                            ? "UPDATE queue_tasks SET status = 'processing', started_at = now(), worker_id = 'b',"
                                    + " lease_until = now() + interval '1 minute' WHERE id BETWEEN %d AND %d"
                            : "UPDATE queue_tasks SET status = 'completed', completed_at = now() WHERE id BETWEEN %d AND %d";
                    String plan = String.join(
                            "\n",
                            jdbc.sql("EXPLAIN (ANALYZE) " + sql.formatted(lo, lo + size - 1))
                                    .query(String.class)
                                    .list());
                    runs.add(new double[] {
                        number(plan, "Trigger queue_tasks_count_status_updates: time=([0-9.]+)"),
                        number(plan, "Trigger queue_tasks_count_updates: time=([0-9.]+)"),
                        number(plan, "Execution Time: ([0-9.]+)")
                    });
                }
                System.out.printf(
                        "| %s | %d | %.3f | %.3f | %.3f |%n",
                        step, size, median(runs, 0), median(runs, 1), median(runs, 2));
            }
        }
    }

    private static double median(List<double[]> runs, int column) {
        return runs.stream().mapToDouble(r -> r[column]).sorted().toArray()[runs.size() / 2];
    }

    private record Result(double tps, double latencyMs) {}

    private static Result run(
            PostgresServer server, TestDatabase database, Path dir, String script, long base, int seconds)
            throws Exception {
        Path file = dir.resolve("script.pgbench");
        Files.writeString(file, script);
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/pgbench",
                "-n",
                "-h",
                server.host(),
                "-p",
                String.valueOf(server.port()),
                "-U",
                server.username(),
                "-c",
                String.valueOf(CLIENTS),
                "-j",
                "2",
                "-T",
                String.valueOf(seconds),
                "-D",
                "base=" + base,
                "-D",
                "clients=" + CLIENTS,
                "-D",
                "k=0",
                "-f",
                file.toString(),
                database.name()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", server.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        return new Result(number(output, "tps = ([0-9.]+)"), number(output, "latency average = ([0-9.]+) ms"));
    }

    private static double number(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private static void report(String protocol, boolean on, Result result, int batch) {
        System.out.printf(
                "| %s | %s | %.1f | %.3f | %,.0f |%n",
                protocol, on ? "on" : "disabled", result.tps(), result.latencyMs(), result.tps() * batch);
    }
}
