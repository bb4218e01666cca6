/** Submitting a task: checking, expanding variables into subtasks, routing, and the one-transaction write. */
package dev.imagegen.api.submit;
