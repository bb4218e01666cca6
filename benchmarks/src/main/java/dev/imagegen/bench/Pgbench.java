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
 * The limit: Debian's pgbench replaying what a worker does, on the same tables, with nothing else
 * running. {@link Script#ONE_AT_A_TIME} is the protocol before batching: {@code claim_queue_task} in
 * one transaction, {@code complete_queue_task} in the next. {@link Script#SETTLE} is the workers'
 * protocol: one {@code settle_queue_tasks} call per batch that reports the client's previous batch
 * and claims its next one. A worker learns the ids from Kafka; here each client walks its own
 * stride through a block of pending attempts seeded with consecutive ids (pgbench keeps a client's
 * variables from one transaction to the next), so no client looks for work and no two clients take
 * the same attempt.
 */
final class Pgbench {

    static final Path BINARY = Path.of("/usr/bin/pgbench");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");

    record Result(int clients, int seconds, double tps, long transactions, double latencyAverageMs, String output) {}

    private Pgbench() {}

    /** What each pgbench transaction does; each client acts as worker {@code pgbench-<client id>}. */
    enum Script {
        ONE_AT_A_TIME(1, """
                \\set qid :base + :client_id + :k * :clients
                \\set k :k + 1
                SELECT claim_queue_task(:qid, 'pgbench-' || :client_id, interval '30 seconds');
                SELECT complete_queue_task(:qid, 'pgbench-' || :client_id, 1, '{"images": [], "model": "noop"}'::jsonb);
                """),
        /** Batch k of a client: ids base + (k * clients + client_id) * batch, batch of them. */
        SETTLE(32, """
                \\set lo :base + (:k * :clients + :client_id) * :batch
                \\set hi :lo + :batch - 1
                \\set plo :lo - :clients * :batch
                \\set phi :plo + :batch - 1
                \\set k :k + 1
                SELECT count(*) FROM settle_queue_tasks('pgbench-' || :client_id, interval '30 seconds',
                    ARRAY(SELECT generate_series(:plo, :phi)::bigint), array_fill(1, ARRAY[:batch]),
                    array_fill('{"images": [], "model": "noop"}'::jsonb, ARRAY[:batch]),
                    ARRAY(SELECT generate_series(:lo, :hi)::bigint));
                """);

        /** Attempts per transaction. */
        final int batch;

        final String text;

        Script(int batch, String text) {
            this.batch = batch;
            this.text = text.replace("\n    ", " ");
        }
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Writes the script into {@code dir} and runs pgbench against it, the clients starting at
     * attempt id {@code base} ({@code environment} adds to pgbench's, e.g. {@code PGOPTIONS});
     * {@code started} sees the process.
     */
    static Result run(
            Path dir,
            int port,
            String database,
            String user,
            String password,
            long base,
            int clients,
            int seconds,
            Script kind,
            Map<String, String> environment,
            Consumer<Process> started)
            throws IOException, InterruptedException {
        Path script = dir.resolve(kind.name().toLowerCase(java.util.Locale.ROOT) + ".pgbench");
        Files.writeString(script, kind.text);
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
                "-D",
                "base=" + base,
                "-D",
                "clients=" + clients,
                "-D",
                "k=0",
                "-D",
                "batch=" + kind.batch,
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
        Matcher processed = PROCESSED.matcher(output);
        if (process.exitValue() != 0 || !tps.find() || !processed.find()) {
            throw new IllegalStateException("pgbench failed (exit " + process.exitValue() + "):\n" + output);
        }
        Matcher latency = LATENCY.matcher(output);
        return new Result(
                clients,
                seconds,
                Double.parseDouble(tps.group(1)),
                Long.parseLong(processed.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
                output);
    }
}
