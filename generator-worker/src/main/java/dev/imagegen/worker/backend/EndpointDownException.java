package dev.imagegen.worker.backend;

import java.time.Duration;

/** The endpoint itself failed (connection refused, 5xx): retryable, and counted by its circuit breaker. */
public class EndpointDownException extends RetryLaterException {

    public EndpointDownException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }
}
