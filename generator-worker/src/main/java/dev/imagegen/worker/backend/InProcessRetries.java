package dev.imagegen.worker.backend;

import java.time.Duration;

/**
 * Repeats a call that failed with a {@link RetryLaterException} a few times in place, waiting what
 * the backend asked for ({@code retry-after}) or a doubling back-off, as OpenAI's own SDK does.
 * A wait longer than {@code maxWait} is not waited here: the failure goes to the queue's retries.
 */
final class InProcessRetries {

    interface Call<T> {
        T run() throws InterruptedException;
    }

    private final int retries;
    private final Duration firstBackOff;
    private final Duration maxWait;

    InProcessRetries(int retries, Duration firstBackOff, Duration maxWait) {
        this.retries = retries;
        this.firstBackOff = firstBackOff;
        this.maxWait = maxWait;
    }

    <T> T run(Call<T> call) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.run();
            } catch (RetryLaterException e) {
                Duration wait = e.retryAfter().orElse(firstBackOff.multipliedBy(1L << Math.min(attempt, 10)));
                if (attempt >= retries || wait.compareTo(maxWait) > 0) {
                    throw e;
                }
                Thread.sleep(wait);
            }
        }
    }
}
