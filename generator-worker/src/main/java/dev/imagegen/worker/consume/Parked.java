package dev.imagegen.worker.consume;

import dev.imagegen.events.QueueTaskDispatched;

/**
 * A dispatch record held in memory until its queue can take it.
 *
 * @param book the partition's offsets, told when the record is finished
 * @param offset the record's offset
 * @param lookups how often its attempt was not found yet (see {@code claim_queue_task}'s not_found)
 * @param retryAt when to try it again (nanoTime), for an attempt not yet due or not yet visible; 0 otherwise
 */
record Parked(QueueTaskDispatched event, PartitionBook book, long offset, int lookups, long retryAt) {

    Parked(QueueTaskDispatched event, PartitionBook book, long offset) {
        this(event, book, offset, 0, 0);
    }

    void finish() {
        book.finish(offset);
    }

    Parked later(long at, boolean lookup) {
        return new Parked(event, book, offset, lookup ? lookups + 1 : lookups, at);
    }
}
