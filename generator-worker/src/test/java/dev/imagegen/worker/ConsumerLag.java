package dev.imagegen.worker;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How many records a consumer group has not yet committed past, over the partitions it has offsets for. */
final class ConsumerLag {

    private ConsumerLag() {}

    /** The group's total lag, or -1 while it has committed nothing. */
    static long of(String bootstrapServers, String groupId) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            if (committed.isEmpty()) {
                return -1;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                            committed.keySet().stream()
                                    .collect(java.util.stream.Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all()
                    .get();
            long lag = 0;
            for (var entry : committed.entrySet()) {
                long end = ends.get(entry.getKey()).offset();
                lag += end - (entry.getValue() == null ? 0 : entry.getValue().offset());
            }
            return lag;
        }
    }
}
