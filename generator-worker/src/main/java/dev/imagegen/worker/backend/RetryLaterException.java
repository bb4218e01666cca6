package dev.imagegen.worker.backend;

import java.time.Duration;
import java.util.Optional;

/**
 * A retryable failure whose backend said when to try again ({@code retry-after-ms} or
 * {@code retry-after}); {@link #retryAfter()} is empty when it did not say.
 */
public class RetryLaterException extends BackendException {

    private final Duration retryAfter;

    public RetryLaterException(String message, Duration retryAfter, Throwable cause) {
        super(message, true, cause);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
