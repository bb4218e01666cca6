/** Queues: their load, concurrency limit, retry policy and whether they are active. */
package dev.imagegen.api.queue;
