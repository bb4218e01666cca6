package dev.imagegen.worker.claim;

/**
 * A finished generation to report.
 *
 * @param resultJson the subtask's result document, or null when the generation was stopped because
 *     the subtask was cancelled
 */
public record Completion(Attempt attempt, String resultJson) {}
