package dev.imagegen.api.progress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream: what it has still to send, coalesced (the latest progress, the latest state of each subtask),
 * and at most one send in flight, so a slow client never holds up the others or the tick.
 */
final class LiveStream {

    private final UUID task;
    private final SseEmitter emitter;
    private final Map<UUID, SubtaskChange> changes = new LinkedHashMap<>();
    private TaskProgress progress;
    private TaskProgress offered;
    private boolean finish;
    private boolean sending;
    private volatile boolean closed;

    LiveStream(UUID task, SseEmitter emitter) {
        this.task = task;
        this.emitter = emitter;
    }

    UUID task() {
        return task;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    synchronized void offer(List<SubtaskChange> changed) {
        changed.forEach(change -> changes.put(change.id(), change));
    }

    /** Queues {@code now} unless it is what this stream was last given. */
    synchronized void offerIfNew(TaskProgress now) {
        if (!now.equals(offered)) {
            offered = now;
            progress = now;
        }
    }

    /** Sends what remains, then ends the stream. */
    synchronized void finish() {
        finish = true;
    }

    /** Starts one send of everything pending on {@code sender}, unless one is running or nothing is pending. */
    void flush(Executor sender) {
        Runnable send;
        synchronized (this) {
            if (sending || closed || (changes.isEmpty() && progress == null && !finish)) {
                return;
            }
            sending = true;
            List<SubtaskChange> batch = changes.isEmpty() ? List.of() : new ArrayList<>(changes.values());
            changes.clear();
            TaskProgress latest = progress;
            progress = null;
            boolean last = finish;
            send = () -> send(batch, latest, last);
        }
        sender.execute(send);
    }

    private void send(List<SubtaskChange> batch, TaskProgress latest, boolean last) {
        try {
            // Subtasks first: a page that sees the task finished already holds every card's final state.
            if (!batch.isEmpty()) {
                emitter.send(SseEmitter.event().name("subtasks").data(new SubtaskChanges(batch)));
            }
            if (latest != null) {
                emitter.send(SseEmitter.event().name("progress").data(latest));
            }
            if (last) {
                closed = true;
                emitter.complete();
            }
        } catch (IOException | RuntimeException gone) {
            closed = true;
            emitter.completeWithError(gone);
        } finally {
            synchronized (this) {
                sending = false;
            }
        }
    }
}
