package dev.imagegen.bench;

import dev.imagegen.local.LocalPostgres;
import java.util.List;
import java.util.Map;

/**
 * The limit of the claim SQL: pgbench on the same tables after the dispatcher has stopped. The
 * workers' protocol ({@code settle_queue_tasks}, batches of 32) with as many clients as consumers
 * of 1 and of 4 workers, the protocol before batching (one claim and one completion transaction
 * per attempt) as the "before" row, and two diagnostics of the batched protocol: commits that do
 * not wait for their WAL (how much of the limit is the commit itself) and every trigger skipped
 * ({@code session_replication_role = replica}, as the superuser: how much is the triggers' work).
 */
final class PgbenchRuns {

    private record Variant(Pgbench.Script script, int clients, boolean flush, boolean triggers) {
        String run() {
            if (!flush) {
                return "diagnostic: pgbench, synchronous_commit off";
            }
            if (!triggers) {
                return "diagnostic: pgbench, triggers skipped";
            }
            return script == Pgbench.Script.SETTLE ? "pgbench limit" : "pgbench before (one at a time)";
        }

        String setup(int seconds) {
            return (script == Pgbench.Script.SETTLE
                            ? "settle_queue_tasks, batches of " + script.batch
                            : "claim tx + complete tx")
                    + ", " + clients + " clients, " + seconds + " s";
        }
    }

    private final BenchSystem system;
    private final Sizes sizes;
    private final List<String> notes;

    PgbenchRuns(BenchSystem system, Sizes sizes, List<String> notes) {
        this.system = system;
        this.sizes = sizes;
        this.notes = notes;
    }

    List<Row> measure() throws Exception {
        int one = BenchSystem.CONSUMERS_PER_WORKER;
        int four = 4 * BenchSystem.CONSUMERS_PER_WORKER;
        // Room for every client's batch in flight: the limit is the SQL's, not the queue's.
        system.setLimit(10_000);
        system.stopDispatcher();
        List<Row> rows = new java.util.ArrayList<>();
        for (Variant variant : List.of(
                new Variant(Pgbench.Script.SETTLE, one, true, true),
                new Variant(Pgbench.Script.SETTLE, four, true, true),
                new Variant(Pgbench.Script.ONE_AT_A_TIME, one, true, true),
                new Variant(Pgbench.Script.SETTLE, one, false, true),
                new Variant(Pgbench.Script.SETTLE, one, true, false))) {
            rows.add(run(variant));
        }
        return rows;
    }

    private Row run(Variant variant) throws Exception {
        int seeded = sizes.pgbenchPending();
        long base = seedBlock(seeded);
        int seconds = sizes.pgbenchSeconds();
        BenchRunner.log("pgbench: " + variant.run() + ", " + variant.setup(seconds));
        Pgbench.Result result = Pgbench.run(
                system.runDir,
                BenchSystem.PG_PORT,
                LocalPostgres.DATABASE,
                variant.triggers() ? LocalPostgres.USER : "postgres",
                variant.triggers() ? LocalPostgres.PASSWORD : "postgres",
                base,
                variant.clients(),
                seconds,
                variant.script(),
                !variant.flush()
                        ? Map.of("PGOPTIONS", "-c synchronous_commit=off")
                        : variant.triggers() ? Map.of() : Map.of("PGOPTIONS", "-c session_replication_role=replica"),
                process -> system.track(process::destroy));
        long completed = system.queryLong(BenchSql.COMPLETED_BY_PGBENCH_BETWEEN, base, base + seeded - 1);
        notes.add(
                "%s (%s): %.1f tps (%d transactions of %d attempts), latency average %.2f ms, %d attempts completed of %d seeded%s"
                        .formatted(
                                variant.run(),
                                variant.setup(seconds),
                                result.tps(),
                                result.transactions(),
                                variant.script().batch,
                                result.latencyAverageMs(),
                                completed,
                                seeded,
                                completed
                                                < result.transactions() * (variant.script().batch)
                                                        - variant.clients() * variant.script().batch
                                        ? " (some clients ran out of seeded attempts)"
                                        : ""));
        return Row.throughput(variant.run(), variant.setup(seconds), completed, result.seconds());
    }

    /**
     * Inserts {@code count} pending attempts as the task API writes them (tasks of 10,000 subtasks,
     * one attempt each), with nothing else writing, so their ids are consecutive; answers the first id.
     */
    private long seedBlock(int count) throws Exception {
        long base = system.queryLong(BenchSql.LAST_ATTEMPT) + 1;
        BenchRunner.log("pgbench: seeding " + count + " pending attempts");
        for (int left = count; left > 0; left -= 10_000) {
            system.update(BenchSql.SEED_ATTEMPTS, system.queueId, Math.min(10_000, left), system.queueId);
        }
        long pending = system.queryLong(BenchSql.PENDING_BETWEEN, base, base + count - 1, system.queueId);
        if (pending != count) {
            throw new IllegalStateException(
                    "seeded attempts are not consecutive: " + pending + " of " + count + " pending from id " + base);
        }
        return base;
    }
}
