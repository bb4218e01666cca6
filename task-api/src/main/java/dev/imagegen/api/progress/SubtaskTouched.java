package dev.imagegen.api.progress;

import java.util.UUID;

/**
 * A subtask of {@code task} was changed by this application (a rating, a cancel, a retry): published as an
 * application event, its open streams read it after the commit. Status changes made elsewhere arrive through the
 * lifecycle topic.
 */
public record SubtaskTouched(UUID task, UUID subtask) {}
