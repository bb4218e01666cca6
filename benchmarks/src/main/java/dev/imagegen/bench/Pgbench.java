package dev.imagegen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limit: Debian's pgbench replaying what a worker does for one subtask, on the same tables:
 * one transaction that picks a pending attempt of the queue and claims it, then one that
 * completes it. Picking by {@code FOR UPDATE SKIP LOCKED} stands in for the Kafka record that
 * tells a worker the id; it costs an index probe the workers do not pay.
 */
final class Pgbench {

    static final Path BINARY = Path.of("/usr/bin/pgbench");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    record Result(int clients, int seconds, double tps, double latencyAverageMs, String output) {}

    private Pgbench() {}

    /** The script; each pgbench client acts as worker {@code pgbench-<client id>}. */
    static String script(int queueId) {
        return """
                BEGIN;
                SELECT id AS qid FROM queue_tasks WHERE queue_id = %d AND status = 'pending' LIMIT 1 FOR UPDATE SKIP LOCKED \\gset
                SELECT claim_queue_task(:qid, 'pgbench-' || :client_id, interval '30 seconds');
                COMMIT;
                SELECT complete_queue_task(:qid, 'pgbench-' || :client_id, 1, '{"images": [], "model": "noop"}'::jsonb);
                """.formatted(queueId);
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Writes the script into {@code dir} and runs pgbench against it ({@code environment} adds to
     * pgbench's, e.g. {@code PGOPTIONS}); {@code started} sees the process.
     */
    static Result run(
            Path dir,
            int port,
            String database,
            String user,
            String password,
            int queueId,
            int clients,
            int seconds,
            Map<String, String> environment,
            Consumer<Process> started)
            throws IOException, InterruptedException {
        Path script = dir.resolve("claim-complete.pgbench");
        Files.writeString(script, script(queueId));
        List<String> command = new ArrayList<>(List.of(
                BINARY.toString(),
                "-n",
                "-h",
                "localhost",
                "-p",
                String.valueOf(port),
                "-U",
                user,
                "-c",
                String.valueOf(clients),
                "-j",
                String.valueOf(Math.min(clients, 2)),
                "-T",
                String.valueOf(seconds),
                "-f",
                script.toString(),
                database));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        started.accept(process);
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Matcher tps = TPS.matcher(output);
        if (process.exitValue() != 0 || !tps.find()) {
            throw new IllegalStateException("pgbench failed (exit " + process.exitValue() + "):\n" + output);
        }
        Matcher latency = LATENCY.matcher(output);
        return new Result(
                clients,
                seconds,
                Double.parseDouble(tps.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
                output);
    }
}
