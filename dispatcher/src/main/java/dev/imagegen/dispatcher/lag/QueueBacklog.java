package dev.imagegen.dispatcher.lag;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per-queue gauges, read in one query per sample: {@code imagegen_queue_pending_attempts},
 * {@code imagegen_queue_oldest_pending_age_seconds} (0 when none is pending),
 * {@code imagegen_queue_backlog_subtasks} (waiting in the backlog, not yet admitted: an upper bound, as
 * subtasks cancelled in the backlog are counted until their task leaves it),
 * {@code imagegen_queue_processing_attempts}, {@code imagegen_queue_max_concurrent_tasks} and
 * {@code imagegen_queue_active} (1 or 0). A queue's pending attempts are found through
 * {@code queue_tasks_queue_id_idx (queue_id, status)}, one index range per queue.
 */
@Component
class QueueBacklog {

    private static final String SELECT_BACKLOG = """
            SELECT q.name, q.is_active, q.max_concurrent_tasks, q.current_concurrent_tasks, p.pending,
                   greatest(0, coalesce(extract(epoch FROM clock_timestamp() - p.due), 0)) AS oldest_age,
                   (SELECT coalesce(sum(b.total - b.next_seq), 0) FROM queue_backlog b WHERE b.queue_id = q.id)
                       AS backlog
              FROM task_queues q
             CROSS JOIN LATERAL (
                   SELECT count(*) AS pending, min(greatest(t.enqueued_at, t.not_before)) AS due
                     FROM queue_tasks t
                    WHERE t.queue_id = q.id AND t.status = 'pending') p
            """;

    private record Backlog(
            String queue,
            boolean active,
            int limit,
            int processing,
            long pending,
            double oldestAgeSeconds,
            long notAdmitted) {}

    private final JdbcClient jdbc;
    private final MultiGauge pending;
    private final MultiGauge notAdmitted;
    private final MultiGauge oldestAge;
    private final MultiGauge processing;
    private final MultiGauge limit;
    private final MultiGauge active;

    QueueBacklog(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        pending = gauge("imagegen.queue.pending.attempts", null, "Attempts waiting for a claim", registry);
        notAdmitted = gauge(
                "imagegen.queue.backlog.subtasks",
                null,
                "Subtasks waiting in the backlog, not yet admitted (at most as many as their tasks have left)",
                registry);
        oldestAge = gauge(
                "imagegen.queue.oldest.pending.age",
                "seconds",
                "Since the oldest pending attempt was enqueued (or became due)",
                registry);
        processing = gauge("imagegen.queue.processing.attempts", null, "Attempts running (slots taken)", registry);
        limit = gauge("imagegen.queue.max.concurrent.tasks", null, "The queue's concurrency limit", registry);
        active = gauge("imagegen.queue.active", null, "1 while the queue takes claims, 0 while it is paused", registry);
    }

    void sample() {
        List<Backlog> queues = jdbc.sql(SELECT_BACKLOG)
                .query((rs, n) -> new Backlog(
                        rs.getString("name"),
                        rs.getBoolean("is_active"),
                        rs.getInt("max_concurrent_tasks"),
                        rs.getInt("current_concurrent_tasks"),
                        rs.getLong("pending"),
                        rs.getDouble("oldest_age"),
                        rs.getLong("backlog")))
                .list();
        show(pending, queues, Backlog::pending);
        show(notAdmitted, queues, Backlog::notAdmitted);
        show(oldestAge, queues, Backlog::oldestAgeSeconds);
        show(processing, queues, Backlog::processing);
        show(limit, queues, Backlog::limit);
        show(active, queues, b -> b.active() ? 1 : 0);
    }

    /** Takes every row away, so a failed sample shows nothing rather than old values. */
    void clear() {
        for (MultiGauge gauge : List.of(pending, notAdmitted, oldestAge, processing, limit, active)) {
            gauge.register(List.of(), true);
        }
    }

    private static void show(MultiGauge gauge, List<Backlog> queues, ToDoubleFunction<Backlog> value) {
        gauge.register(
                queues.stream()
                        .map(b -> MultiGauge.Row.of(Tags.of("queue", b.queue()), value.applyAsDouble(b)))
                        .toList(),
                true);
    }

    private static MultiGauge gauge(String name, String unit, String description, MeterRegistry registry) {
        return MultiGauge.builder(name).baseUnit(unit).description(description).register(registry);
    }
}
