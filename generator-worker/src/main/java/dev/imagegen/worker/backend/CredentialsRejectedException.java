package dev.imagegen.worker.backend;

/**
 * The endpoint refused the worker's credentials (HTTP 401 or 403): not retryable, and every further
 * call would fail the same way, so the queue is paused until someone fixes the key.
 */
public class CredentialsRejectedException extends BackendException {

    public CredentialsRejectedException(String message) {
        super(message, false, null);
    }
}
