package dev.imagegen.worker.generation;

/** What a claimed subtask asks the backend for; {@code parametersJson} holds plain values. */
record SubtaskWork(
        String promptsJson,
        String ratio,
        Long seed,
        int batchSize,
        boolean usePolish,
        String makeApiQueue,
        String parametersJson) {}
