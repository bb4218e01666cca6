/**
 * Consuming the dispatch topics: records wait in memory in one lane per queue; each lane reports
 * finished generations and claims waiting records in batches, one transaction at a time, and
 * sleeps while its queue is full until PostgreSQL says a slot freed.
 */
package dev.imagegen.worker.consume;
