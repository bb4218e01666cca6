package dev.imagegen.worker.backend;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One endpoint's circuit: after {@code threshold} endpoint failures in a row (connection refused,
 * 5xx) it opens for {@code openFor}; calls then wait instead of failing (and burning the attempt's
 * retries). When the time is up one call goes through as a probe: success closes the circuit, a
 * failure opens it again. Any answer from the endpoint, even a refusal, counts as success.
 */
final class CircuitBreaker {

    /** The circuit now: open or closed, since when, and the last endpoint failure (null if none). */
    record State(boolean open, Instant since, String lastError) {}

    private final int threshold;
    private final Duration openFor;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int failuresInARow;
    private long openUntil;
    private boolean open;
    private boolean probing;
    private Instant since = Instant.now();
    private String lastError;

    CircuitBreaker(int threshold, Duration openFor, LongSupplier nanoTime) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.nanoTime = nanoTime;
    }

    boolean isOpen() {
        return state().open();
    }

    State state() {
        lock.lock();
        try {
            return new State(open, since, lastError);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns when a call may go: the circuit is closed, or this call is the probe. Waits at most
     * {@code maxWait}, then fails as the endpoint being down.
     */
    void awaitPermission(Duration maxWait) throws InterruptedException {
        long giveUpAt = nanoTime.getAsLong() + maxWait.toNanos();
        lock.lock();
        try {
            while (open) {
                long now = nanoTime.getAsLong();
                if (now - openUntil >= 0 && !probing) {
                    probing = true;
                    return;
                }
                if (now - giveUpAt >= 0) {
                    throw new EndpointDownException(
                            "the endpoint failed " + threshold + " times in a row; its circuit is open",
                            Duration.ofNanos(Math.max(0, openUntil - now)),
                            null);
                }
                long until = probing ? giveUpAt : Math.min(openUntil, giveUpAt);
                changed.await(Math.max(1, until - now), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    void succeeded() {
        lock.lock();
        try {
            failuresInARow = 0;
            if (open) {
                since = Instant.now();
            }
            open = false;
            probing = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void failed(String error) {
        lock.lock();
        try {
            failuresInARow++;
            probing = false;
            lastError = error;
            if (failuresInARow >= threshold) {
                if (!open) {
                    since = Instant.now();
                }
                open = true;
                openUntil = nanoTime.getAsLong() + openFor.toNanos();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The call ended without telling anything about the endpoint (it was interrupted). */
    void abandoned() {
        lock.lock();
        try {
            probing = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
