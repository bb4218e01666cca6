package dev.imagegen.dispatcher.event;

import dev.imagegen.dispatcher.DispatcherProperties;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes each batch of change events and marks an event processed only once Kafka acknowledged
 * every record made from it, in order. When Kafka fails, the unacknowledged rest of the batch is
 * sent again after a pause until it succeeds or the engine stops: nothing is skipped, and a
 * record may reach Kafka twice (consumers deduplicate by {@code ce_id}).
 */
@Component
public class AcknowledgedPublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgedPublisher.class);

    private final ChangeEventMapper mapper;
    private final TopicProvisioner topics;
    private final Producer<String, byte[]> producer;
    private final DispatchMetrics metrics;
    private final DispatcherProperties properties;
    private volatile boolean stopping;

    AcknowledgedPublisher(
            ChangeEventMapper mapper,
            TopicProvisioner topics,
            Producer<String, byte[]> dispatcherProducer,
            DispatchMetrics metrics,
            DispatcherProperties properties) {
        this.mapper = mapper;
        this.topics = topics;
        this.producer = dispatcherProducer;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public void handleBatch(
            List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<OutgoingRecords> outgoing =
                events.stream().map(e -> mapper.map(e.record())).toList();
        int next = 0;
        while (next < events.size()) {
            if (stopping) {
                throw new InterruptedException("Dispatcher stopping; unacknowledged events are read again on start");
            }
            try {
                List<OutgoingRecords> rest = outgoing.subList(next, outgoing.size());
                topics.ensure(topicsOf(rest));
                List<List<CompletableFuture<Void>>> acks = new ArrayList<>(rest.size());
                for (OutgoingRecords records : rest) {
                    acks.add(records.records().stream()
                            .map(record -> send(record, records.committedAtMillis()))
                            .toList());
                }
                for (List<CompletableFuture<Void>> ack : acks) {
                    awaitAll(ack);
                    committer.markProcessed(events.get(next));
                    next++;
                }
            } catch (KafkaUnavailableException e) {
                metrics.error("publish");
                log.warn(
                        "Kafka did not acknowledge; publishing {} events again in {}: {}",
                        events.size() - next,
                        properties.retryBackoff(),
                        e.getMessage());
                Thread.sleep(properties.retryBackoff());
            }
        }
        committer.markBatchFinished();
    }

    /** Makes a batch stuck on an unreachable Kafka give up, so the engine can close. */
    public void stopping(boolean stopping) {
        this.stopping = stopping;
    }

    private static void awaitAll(List<CompletableFuture<Void>> acks)
            throws KafkaUnavailableException, InterruptedException {
        for (CompletableFuture<Void> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new KafkaUnavailableException(String.valueOf(e.getCause()), e.getCause());
            }
        }
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record, long committedAtMillis) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    ack.completeExceptionally(exception);
                } else {
                    metrics.acknowledged(record.topic(), committedAtMillis, System.currentTimeMillis());
                    ack.complete(null);
                }
            });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    private static Set<String> topicsOf(List<OutgoingRecords> outgoing) {
        return outgoing.stream()
                .flatMap(o -> o.records().stream())
                .map(ProducerRecord::topic)
                .collect(Collectors.toSet());
    }
}
