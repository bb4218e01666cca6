package dev.imagegen.worker.backend;

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
}
