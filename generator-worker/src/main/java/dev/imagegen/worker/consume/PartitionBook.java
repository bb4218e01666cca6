package dev.imagegen.worker.consume;

import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of one assigned partition that are read but not finished. A record is finished once
 * it was claimed, skipped or sent to the dead-letter topic; one that only waits in memory is not.
 * The committed position is the lowest unfinished offset, so a crash redelivers every record that
 * was still waiting, and nothing behind it is skipped.
 */
final class PartitionBook {

    private final TopicPartition partition;
    private final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();
    private volatile long next = -1;
    private volatile boolean revoked;
    private long committed = -1;

    PartitionBook(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    /**
     * The partition left this consumer: its records are read again by their new owner, so one that
     * comes back from a claim in flight is not held again (two copies of a record in one lane could
     * both be answered claimed in one batch and generated twice).
     */
    void revoke() {
        revoked = true;
    }

    boolean revoked() {
        return revoked;
    }

    /** Called on the consumer thread for every record read, before it is handed on. */
    void read(long offset) {
        open.add(offset);
        next = offset + 1;
    }

    /** Called from any thread once the record at {@code offset} needs no redelivery. */
    void finish(long offset) {
        open.remove(offset);
    }

    /** The position to commit (-1 while nothing was read). */
    long position() {
        long read = next;
        Long lowest = open.isEmpty() ? null : open.first();
        return lowest != null ? lowest : read;
    }

    /** The position to commit if it moved since the last commit, else -1; consumer thread only. */
    long positionToCommit() {
        long position = position();
        if (position < 0 || position == committed) {
            return -1;
        }
        committed = position;
        return position;
    }
}
