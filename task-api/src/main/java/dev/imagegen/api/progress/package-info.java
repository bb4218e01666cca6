/**
 * Live task pages: server-sent progress and subtask changes, every open stream of an instance fed by one consumer of
 * the lifecycle topic and one batched read per tick.
 */
package dev.imagegen.api.progress;
