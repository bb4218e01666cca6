/** Queues: their load, concurrency limit and whether they are active. */
package dev.imagegen.api.queue;
