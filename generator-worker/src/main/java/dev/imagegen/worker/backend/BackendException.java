package dev.imagegen.worker.backend;

import java.time.Duration;
import java.util.Optional;

/** A backend call failed; time-outs and backend errors are retryable. */
public class BackendException extends RuntimeException {

    private final boolean retryable;

    public BackendException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /**
     * How long the backend asked to be left alone before the next try ({@code retry-after-ms} or
     * {@code retry-after}); empty when it did not say.
     */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
