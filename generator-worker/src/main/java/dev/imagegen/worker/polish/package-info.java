/** Prompt polishing (润色): rewriting a subtask's prompt before generation when its task asks for it. */
package dev.imagegen.worker.polish;
