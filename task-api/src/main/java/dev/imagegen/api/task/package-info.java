/** Reading tasks, subtasks and task logs, and who may see which task. */
package dev.imagegen.api.task;
