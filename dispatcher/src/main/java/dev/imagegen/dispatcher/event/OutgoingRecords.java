package dev.imagegen.dispatcher.event;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka records one change event becomes (none for events that are not published), and the
 * commit time of its transaction in epoch milliseconds, from which the commit-to-ack lag is measured.
 */
record OutgoingRecords(List<ProducerRecord<String, byte[]>> records, long committedAtMillis) {

    static OutgoingRecords none() {
        return new OutgoingRecords(List.of(), 0);
    }
}
