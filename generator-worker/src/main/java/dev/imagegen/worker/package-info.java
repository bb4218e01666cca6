/** The generator worker: claims dispatched subtasks under per-queue limits and writes their results back. */
package dev.imagegen.worker;
