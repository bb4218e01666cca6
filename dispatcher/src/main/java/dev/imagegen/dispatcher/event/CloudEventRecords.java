package dev.imagegen.dispatcher.event;

import dev.imagegen.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

/** Kafka records in the CloudEvents binary mode: the event as JSON value, its attributes as headers. */
final class CloudEventRecords {

    /** The contract's own mapper, so application-wide Jackson settings cannot change the wire format. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private CloudEventRecords() {}

    static ProducerRecord<String, byte[]> of(
            String topic, String key, Object event, String id, String type, Instant time) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, JSON.writeValueAsBytes(event));
        header(record, CloudEventHeaders.ID, id);
        header(record, CloudEventHeaders.TYPE, type);
        header(record, CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_DISPATCHER);
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.TIME, time.toString());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON);
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
