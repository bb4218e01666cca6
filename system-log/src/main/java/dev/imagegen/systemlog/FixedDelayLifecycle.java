package dev.imagegen.systemlog;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A step that runs on a daemon thread of its own from the application's start to its stop, with a
 * fixed delay between the end of one run and the start of the next. A run that throws is logged and
 * the next one runs as planned: the schedule never dies with a run.
 */
public abstract class FixedDelayLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FixedDelayLifecycle.class);

    private final String threadName;
    private ScheduledExecutorService scheduler;

    /** @param threadName the name of the thread the runs use */
    protected FixedDelayLifecycle(String threadName) {
        this.threadName = threadName;
    }

    /** The delay between two runs. */
    protected abstract Duration delay();

    /** How long after the start the first run begins; by default one delay. */
    protected Duration initialDelay() {
        return delay();
    }

    /** One run. */
    protected abstract void runOnce();

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("{} failed; it runs again in {}: {}", threadName, delay(), e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name(threadName).factory());
        scheduler.scheduleWithFixedDelay(
                this::runSafely, initialDelay().toMillis(), delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
