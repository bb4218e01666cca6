package dev.imagegen.worker.consume;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes the lanes last, after the generation runner stopped, so that every generation that
 * finished during shutdown is reported. A lifecycle of its own: Spring stops a lifecycle bean's
 * dependents before the bean itself, so the lanes (which use the runner) cannot carry it.
 */
@Component
class LanesShutdown implements SmartLifecycle {

    private final QueueLanes lanes;
    private volatile boolean running;

    LanesShutdown(QueueLanes lanes) {
        this.lanes = lanes;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        lanes.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
