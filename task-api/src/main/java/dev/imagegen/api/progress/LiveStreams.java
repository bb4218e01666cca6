package dev.imagegen.api.progress;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Every open task stream of this instance, fed by one tick: the subtasks named since the previous tick (by the
 * lifecycle topic, see {@link LifecycleFeed}, or by this application's own writes) that some stream sends, and the
 * subtasks newly opened streams show, are read in one query for all streams, and each stream gets one
 * {@code subtasks} event with the latest state of those it sends; every {@code progressEvery} one more query reads
 * the counters of every watched task. The database's work is thus bounded by the tick, whatever the number of
 * streams: at most 4 + 2 queries a second with the defaults.
 */
@Component
class LiveStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private final LiveReads reads;
    private final LiveProperties properties;
    private final Clock clock;
    private final Map<UUID, TaskWatch> watched = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> touched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("live-streams").daemon().factory());
    private final ExecutorService sender = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("live-send-", 0).factory());
    private volatile Instant progressReadAt = Instant.MIN;

    LiveStreams(LiveReads reads, LiveProperties properties, MeterRegistry meters) {
        this.reads = reads;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        Gauge.builder(
                        "imagegen.api.live.streams",
                        watched,
                        w -> w.values().stream()
                                .mapToInt(watch -> watch.streams.size())
                                .sum())
                .description("Open task event streams")
                .register(meters);
        FunctionCounter.builder("imagegen.api.live.queries", reads, LiveReads::queries)
                .description("Queries the live streams ran (all streams together)")
                .register(meters);
        long tick = properties.tick().toMillis();
        ticks.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * A new stream of {@code task}: its first progress event comes with the next read of the counters. With
     * {@code shown} (null: every subtask) it sends the current state of those subtasks with the next tick, then only
     * their changes.
     */
    SseEmitter open(UUID task, Set<UUID> shown) {
        SseEmitter emitter = new SseEmitter(properties.streamFor().toMillis());
        LiveStream stream = new LiveStream(task, emitter, shown);
        emitter.onCompletion(() -> forget(stream));
        emitter.onTimeout(() -> forget(stream));
        emitter.onError(error -> forget(stream));
        watched.computeIfAbsent(task, t -> new TaskWatch()).streams.add(stream);
        progressReadAt = Instant.MIN;
        return emitter;
    }

    /** A subtask of {@code task} changed; read and sent with the next tick if anyone watches the task. */
    void touched(UUID task, UUID subtask) {
        if (watched.containsKey(task)) {
            touched.computeIfAbsent(task, t -> ConcurrentHashMap.newKeySet()).add(subtask);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SubtaskTouched event) {
        touched(event.task(), event.subtask());
    }

    /** Open streams, for the tests and the gauge. */
    int streams() {
        return watched.values().stream().mapToInt(w -> w.streams.size()).sum();
    }

    private void forget(LiveStream stream) {
        stream.close();
        watched.computeIfPresent(stream.task(), (task, watch) -> {
            watch.streams.remove(stream);
            return watch.streams.isEmpty() ? null : watch;
        });
    }

    private void tick() {
        try {
            sendSubtasks();
            Instant now = clock.instant();
            if (!now.isBefore(progressReadAt.plus(properties.progressEvery()))) {
                progressReadAt = now;
                sendProgress(now);
            }
            watched.values().forEach(watch -> watch.streams.forEach(stream -> stream.flush(sender)));
        } catch (RuntimeException e) {
            log.warn("Live streams tick failed: {}", e.getMessage());
        }
    }

    private void sendSubtasks() {
        Map<LiveStream, Set<UUID>> asked = new HashMap<>();
        watched.values()
                .forEach(watch -> watch.streams.forEach(stream -> {
                    Set<UUID> unread = stream.takeUnread();
                    if (!unread.isEmpty()) {
                        asked.put(stream, unread);
                    }
                }));
        if (touched.isEmpty() && asked.isEmpty()) {
            return;
        }
        Map<UUID, Set<UUID>> changed = new HashMap<>();
        for (UUID task : Set.copyOf(touched.keySet())) {
            Set<UUID> subtasks = touched.remove(task);
            TaskWatch watch = watched.get(task);
            Set<UUID> wanted = subtasks == null || watch == null ? Set.of() : watch.wanted(subtasks);
            if (!wanted.isEmpty()) {
                changed.put(task, wanted);
            }
        }
        Map<UUID, Set<UUID>> read = new HashMap<>();
        changed.forEach((task, subtasks) ->
                read.computeIfAbsent(task, t -> new HashSet<>()).addAll(subtasks));
        asked.forEach((stream, subtasks) ->
                read.computeIfAbsent(stream.task(), t -> new HashSet<>()).addAll(subtasks));
        if (read.isEmpty()) {
            return;
        }
        reads.subtasks(read).forEach((task, rows) -> {
            TaskWatch watch = watched.get(task);
            if (watch != null) {
                Set<UUID> touchedOnes = changed.getOrDefault(task, Set.of());
                watch.streams.forEach(stream -> stream.offer(rows, touchedOnes, asked.getOrDefault(stream, Set.of())));
            }
        });
    }

    private void sendProgress(Instant now) {
        if (watched.isEmpty()) {
            return;
        }
        List<TaskProgress> read = reads.progress(Set.copyOf(watched.keySet()));
        for (TaskProgress progress : read) {
            TaskWatch watch = watched.get(progress.id());
            if (watch == null) {
                continue;
            }
            watch.streams.forEach(stream -> stream.offerIfNew(progress));
            if (!progress.finished()) {
                watch.running = true;
                watch.finishedAt = null;
            } else if (!watch.running) {
                // Finished before anyone watched: no change of it is still on its way.
                watch.streams.forEach(LiveStream::finish);
            } else if (watch.finishedAt == null) {
                watch.finishedAt = now;
            } else if (!now.isBefore(watch.finishedAt.plus(properties.finishGrace()))) {
                watch.streams.forEach(LiveStream::finish);
            }
        }
    }

    @Override
    public void destroy() {
        ticks.shutdownNow();
        sender.shutdownNow();
    }
}
