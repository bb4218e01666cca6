/** Running claimed work: load the subtask, call its backend, store images, renew the lease, report. */
package dev.imagegen.worker.generation;
