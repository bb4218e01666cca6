package dev.imagegen.worker.claim;

/** One claimed attempt, as every fenced call identifies it. */
public record Attempt(long queueTaskId, String workerId, int attempt) {}
