package dev.imagegen.api.progress;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;

/** The open streams of one task, and whether it was seen running and since when it is finished. */
final class TaskWatch {

    final Set<LiveStream> streams = new CopyOnWriteArraySet<>();
    volatile Instant finishedAt;
    volatile boolean running;

    /** The subtasks of {@code changed} that at least one stream sends, so that only those are read. */
    Set<UUID> wanted(Set<UUID> changed) {
        if (streams.stream().anyMatch(LiveStream::wantsAll)) {
            return changed;
        }
        Set<UUID> wanted = new HashSet<>();
        for (UUID subtask : changed) {
            if (streams.stream().anyMatch(stream -> stream.wants(subtask))) {
                wanted.add(subtask);
            }
        }
        return wanted;
    }
}
