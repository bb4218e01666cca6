package dev.imagegen.bench;

import java.util.List;
import java.util.Locale;

/** The markdown report of one bench run: the rows, the stages of submit -> claim, the scaling table and the goals. */
final class BenchReport {

    private final Sizes sizes;
    private final List<Row> rows;
    private final List<Stages> stages;
    private final List<String> notes;

    BenchReport(Sizes sizes, List<Row> rows, List<Stages> stages, List<String> notes) {
        this.sizes = sizes;
        this.rows = rows;
        this.stages = stages;
        this.notes = notes;
    }

    /** The whole report below {@code header} (title and machine), then {@code extra} tables. */
    String render(String header, List<String> extra) {
        StringBuilder out = new StringBuilder(header);
        out.append("| run | setup | subtasks | wall s | throughput /s | submit→start p50 ms | p95 ms | p99 ms"
                + " | hand-off p50 ms | hand-off p99 ms | utilization |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append("| %s | %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s |\n"
                    .formatted(
                            row.run(),
                            row.setup(),
                            row.subtasks(),
                            number(row.wallSeconds(), 2),
                            number(row.perSecond(), 0),
                            number(row.latency(0.50), 1),
                            number(row.latency(0.95), 1),
                            number(row.latency(0.99), 1),
                            number(row.handoff(0.50), 1),
                            number(row.handoff(0.99), 1),
                            Double.isNaN(row.utilization()) ? "" : "%.1f %%".formatted(row.utilization() * 100)));
        }
        out.append('\n');
        out.append("Throughput: ours from the first `queue_tasks` insert to the last completion (REST submission"
                + " included, tasks submitted back to back); db-scheduler from `scheduleBatch` to an empty table;"
                + " pgbench the attempts it completed per second. Latency: single-subtask tasks (ours) or executions"
                + " (db-scheduler) at " + sizes.pacedPerSecond() + "/s for "
                + sizes.pacedFor().toSeconds()
                + " s; ours from `enqueued_at` (insert) to `started_at` (claim), db-scheduler from execution time"
                + " (scheduled now) to its handler's start.\n\n");
        appendStages(out);
        appendScaling(out);
        out.append(goals());
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n\n");
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        for (String table : extra) {
            out.append('\n').append(table);
        }
        return out.toString();
    }

    private void appendStages(StringBuilder out) {
        if (stages.isEmpty()) {
            return;
        }
        out.append("Submit → claim by stage (paced runs), ms p50 / p99:\n\n");
        out.append("| run | insert → HTTP 201 (API tx, commit, response) | HTTP 201 → Kafka record (Debezium)"
                + " | Kafka record → claim (consumer poll, claim tx) | unmatched |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (Stages s : stages) {
            out.append("| %s | %s / %s | %s / %s | %s / %s | %d |\n"
                    .formatted(
                            s.run(),
                            number(Stats.percentile(s.apiToResponse(), 0.5), 1),
                            number(Stats.percentile(s.apiToResponse(), 0.99), 1),
                            number(Stats.percentile(s.responseToKafka(), 0.5), 1),
                            number(Stats.percentile(s.responseToKafka(), 0.99), 1),
                            number(Stats.percentile(s.kafkaToClaim(), 0.5), 1),
                            number(Stats.percentile(s.kafkaToClaim(), 0.99), 1),
                            s.missing()));
        }
        out.append("\n(The Kafka record time is the producer's send time, in ms; the HTTP response comes"
                + " after the commit, so the first stage includes the commit and the second may be negative.)\n\n");
    }

    private void appendScaling(StringBuilder out) {
        List<Row> scaling = EndToEnd.scaling(rows);
        Row one = find(EndToEnd.label(1));
        if (scaling.size() < 2 || one == null) {
            return;
        }
        out.append("Scaling, no-op end to end (" + sizes.noopSubtasks() + " subtasks per run):\n\n");
        out.append("| worker processes | subtasks/s | / 1 worker |\n|---:|---:|---:|\n");
        for (Row row : scaling) {
            out.append("| %s | %s | %.2fx |\n"
                    .formatted(
                            row.run().replaceAll("\\D", ""),
                            number(row.perSecond(), 0),
                            row.perSecond() / one.perSecond()));
        }
        out.append('\n');
    }

    String goals() {
        Row one = find(EndToEnd.label(1));
        Row four = find(EndToEnd.label(4));
        Row slots = find(SlotRun.LABEL);
        Row peer = rows.stream()
                .filter(r -> r.run().startsWith("db-scheduler") && r.setup().startsWith("lock-and-fetch"))
                .findFirst()
                .orElse(null);
        Row limit = find("pgbench limit", BenchSystem.CONSUMERS_PER_WORKER);
        Row before = find("pgbench before (one at a time)", BenchSystem.CONSUMERS_PER_WORKER);
        StringBuilder out = new StringBuilder("| comparison | value | goal | met |\n|---|---:|---|---|\n");
        if (one != null && peer != null) {
            double ratio = one.perSecond() / peer.perSecond();
            out.append("| throughput ours / db-scheduler (ours, 1 worker vs %s) | %.2fx | ≥ 1.0x (1.5x) | %s |\n"
                    .formatted(peer.setup(), ratio, ratio >= 1.5 ? "yes" : ratio >= 1.0 ? "1.0x only" : "no"));
        }
        if (one != null && four != null) {
            double ratio = four.perSecond() / one.perSecond();
            out.append("| throughput ours, 4 workers / ours, 1 worker | %.2fx | ≥ 1.0x | %s |\n"
                    .formatted(ratio, yes(ratio >= 1.0)));
        }
        if (one != null) {
            out.append("| submit→claim p99, ours, 1 worker | %.1f ms | ≤ 50 ms | %s |\n"
                    .formatted(one.latency(0.99), yes(one.latency(0.99) <= 50)));
        }
        if (slots != null) {
            out.append("| hand-off gap p99, %d slots | %.1f ms | ≤ 20 ms | %s |\n"
                    .formatted(SlotRun.SLOT_LIMIT, slots.handoff(0.99), yes(slots.handoff(0.99) <= 20)));
            out.append("| slot utilization, %d slots | %.1f %% | ≥ 98 %% | %s |\n"
                    .formatted(SlotRun.SLOT_LIMIT, slots.utilization() * 100, yes(slots.utilization() >= 0.98)));
        }
        if (one != null && limit != null) {
            out.append("| throughput ours, 1 worker / pgbench limit (%s) | %.0f %% | | |\n"
                    .formatted(limit.setup(), 100 * one.perSecond() / limit.perSecond()));
        }
        if (limit != null && before != null) {
            out.append("| pgbench limit / before (%d clients) | %.1fx | | |\n"
                    .formatted(BenchSystem.CONSUMERS_PER_WORKER, limit.perSecond() / before.perSecond()));
        }
        Row withoutTriggers = find("diagnostic: pgbench, triggers skipped", BenchSystem.CONSUMERS_PER_WORKER);
        if (limit != null && withoutTriggers != null) {
            out.append("| pgbench limit / the same SQL with triggers skipped | %.0f %% | | |\n"
                    .formatted(100 * limit.perSecond() / withoutTriggers.perSecond()));
        }
        return out.toString();
    }

    private Row find(String run) {
        return rows.stream().filter(r -> r.run().equals(run)).findFirst().orElse(null);
    }

    private Row find(String run, int clients) {
        return rows.stream()
                .filter(r -> r.run().equals(run) && r.setup().contains(" " + clients + " clients"))
                .findFirst()
                .orElse(null);
    }

    private static String yes(boolean met) {
        return met ? "yes" : "no";
    }

    static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
