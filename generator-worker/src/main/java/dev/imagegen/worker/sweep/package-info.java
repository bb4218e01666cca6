/** The sweeper: rescues expired leases and unclaimed attempts, and moves due retries into the queue. */
package dev.imagegen.worker.sweep;
