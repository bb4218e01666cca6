/**
 * Consuming the dispatch topics: claim each record, hand claimed work to generation, and park the
 * partitions of a full or paused queue until PostgreSQL says a slot freed.
 */
package dev.imagegen.worker.consume;
