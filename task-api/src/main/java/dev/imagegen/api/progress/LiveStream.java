package dev.imagegen.api.progress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream: what it has still to send, coalesced (the latest progress, the latest state of each subtask),
 * and at most one send in flight, so a slow client never holds up the others or the tick. A stream that names the
 * subtasks it shows gets their current state once (its first subtasks event), then only their changes.
 */
final class LiveStream {

    private final UUID task;
    private final SseEmitter emitter;
    private final Set<UUID> shown;
    private Set<UUID> unread;
    private final Map<UUID, SubtaskChange> changes = new LinkedHashMap<>();
    private TaskProgress progress;
    private TaskProgress offered;
    private boolean finish;
    private boolean sending;
    private volatile boolean closed;

    /** {@code shown}: the only subtasks whose changes this stream sends, or null for every subtask of its task. */
    LiveStream(UUID task, SseEmitter emitter, Set<UUID> shown) {
        this.task = task;
        this.emitter = emitter;
        this.shown = shown == null ? null : Set.copyOf(shown);
        this.unread = this.shown == null || this.shown.isEmpty() ? Set.of() : this.shown;
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

    /** Whether a change of {@code subtask} is sent by this stream. */
    boolean wants(UUID subtask) {
        return shown == null || shown.contains(subtask);
    }

    /** Whether this stream sends the changes of every subtask of its task. */
    boolean wantsAll() {
        return shown == null;
    }

    /** The subtasks whose current state this stream has still to send once, handed over to be read. */
    synchronized Set<UUID> takeUnread() {
        Set<UUID> taken = unread;
        unread = Set.of();
        return taken;
    }

    /**
     * Queues the rows of {@code read} this stream sends: those of the subtasks that changed ({@code touched}) and it
     * wants, and those it asked to be read once ({@code asked}, from {@link #takeUnread()}).
     */
    synchronized void offer(List<SubtaskChange> read, Set<UUID> touched, Set<UUID> asked) {
        for (SubtaskChange change : read) {
            if (asked.contains(change.id()) || (touched.contains(change.id()) && wants(change.id()))) {
                changes.put(change.id(), change);
            }
        }
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
