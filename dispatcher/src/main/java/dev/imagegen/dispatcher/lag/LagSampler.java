package dev.imagegen.dispatcher.lag;

import dev.imagegen.dispatcher.DispatcherProperties;
import dev.imagegen.systemlog.FixedDelayLifecycle;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the queues' backlog and the slot's lag every {@code sample-interval}, on a thread of its
 * own, so a scrape never waits for the database; every instance samples, leader or standby. A
 * sample that fails takes its gauges away until the next one succeeds.
 */
@Component
class LagSampler extends FixedDelayLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LagSampler.class);

    private final QueueBacklog backlog;
    private final SlotLag slotLag;
    private final DispatcherProperties properties;
    private boolean failing;

    LagSampler(QueueBacklog backlog, SlotLag slotLag, DispatcherProperties properties) {
        super("lag-sampler");
        this.backlog = backlog;
        this.slotLag = slotLag;
        this.properties = properties;
    }

    void sampleOnce() {
        try {
            backlog.sample();
            slotLag.sample();
            if (failing) {
                log.info("Backlog and slot lag read again");
                failing = false;
            }
        } catch (RuntimeException e) {
            backlog.clear();
            slotLag.clear();
            if (!failing) {
                log.warn(
                        "Reading the backlog and the slot lag failed; their gauges are empty until it works: {}",
                        e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    protected Duration delay() {
        return properties.sampleInterval();
    }

    @Override
    protected Duration initialDelay() {
        return Duration.ZERO;
    }

    @Override
    protected void runOnce() {
        sampleOnce();
    }
}
