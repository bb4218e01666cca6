package dev.imagegen.worker.consume;

import dev.imagegen.events.QueueTaskDispatched;
import dev.imagegen.worker.WorkerProperties;
import dev.imagegen.worker.claim.Attempt;
import dev.imagegen.worker.claim.ClaimOutcome;
import dev.imagegen.worker.claim.QueueTaskClaims;
import dev.imagegen.worker.generation.GenerationRunner;
import dev.imagegen.worker.metrics.WorkerMetrics;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Claims each dispatched attempt and hands a claimed one to generation. Duplicates and stale
 * attempts are skipped (acknowledged); a record that must wait throws {@link QueueBusyException}.
 */
@Component
public class DispatchListener {

    /** The listener container's id in the registry. */
    public static final String ID = "dispatch";

    /** Pauses before asking again for a row not visible yet: 5, 10, ... 640 ms, about 1.3 s in all. */
    private static final long NOT_FOUND_LAST_PAUSE_MS = 640;

    private static final Logger log = LoggerFactory.getLogger(DispatchListener.class);

    private final WorkerProperties properties;
    private final DispatchRecordParser parser;
    private final QueueTaskClaims claims;
    private final GenerationRunner runner;
    private final PausedQueues paused;
    private final WorkerMetrics metrics;

    DispatchListener(
            WorkerProperties properties,
            DispatchRecordParser parser,
            QueueTaskClaims claims,
            GenerationRunner runner,
            PausedQueues paused,
            WorkerMetrics metrics) {
        this.properties = properties;
        this.parser = parser;
        this.claims = claims;
        this.runner = runner;
        this.paused = paused;
        this.metrics = metrics;
    }

    @KafkaListener(
            id = ID,
            idIsGroup = false,
            groupId = "#{__listener.groupId()}",
            topicPattern = "#{__listener.topicPattern()}",
            concurrency = "#{__listener.consumers()}")
    void onDispatch(ConsumerRecord<String, String> record) {
        QueueTaskDispatched event = parser.parse(record);
        String queue = event.queueName();
        long signalSeen = paused.signalCount(queue);
        if (!runner.tryReserve()) {
            throw new QueueBusyException(queue, "worker runs " + properties.maxInFlight() + " generations", signalSeen);
        }
        ClaimOutcome outcome;
        try {
            outcome = claimOnceVisible(event);
        } catch (RuntimeException e) {
            runner.unreserve();
            throw e;
        }
        if (outcome == ClaimOutcome.CLAIMED) {
            runner.start(event, new Attempt(event.queueTaskId(), properties.id(), event.attempt()));
            return;
        }
        runner.unreserve();
        if (outcome.mustWait()) {
            throw new QueueBusyException(queue, outcome.name().toLowerCase(Locale.ROOT), signalSeen);
        }
        if (outcome == ClaimOutcome.NOT_FOUND) {
            log.warn(
                    "Dispatch record {} of {} names attempt {}, which does not exist; skipped",
                    record.offset(),
                    record.topic(),
                    event.queueTaskId());
        }
        // NOT_PENDING: a duplicate or stale event; acknowledged without work.
    }

    /**
     * Claims the attempt. A row that is not visible yet is asked for again, a few times within
     * about a second: logical decoding can deliver an insert a moment before its transaction is
     * visible to other sessions (migration V073), so a record can outrun its own row.
     */
    private ClaimOutcome claimOnceVisible(QueueTaskDispatched event) {
        String queue = event.queueName();
        ClaimOutcome outcome = claims.claim(event.queueTaskId(), properties.id(), properties.lease());
        metrics.claimed(queue, outcome.name().toLowerCase(Locale.ROOT));
        for (long pause = 5; outcome == ClaimOutcome.NOT_FOUND && pause <= NOT_FOUND_LAST_PAUSE_MS; pause *= 2) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome;
            }
            outcome = claims.claim(event.queueTaskId(), properties.id(), properties.lease());
            metrics.claimed(queue, outcome.name().toLowerCase(Locale.ROOT));
        }
        return outcome;
    }

    public String groupId() {
        return properties.groupId();
    }

    public String topicPattern() {
        return properties.topicPattern();
    }

    public String consumers() {
        return Integer.toString(properties.consumers());
    }
}
