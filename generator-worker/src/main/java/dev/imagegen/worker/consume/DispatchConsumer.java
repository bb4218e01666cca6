package dev.imagegen.worker.consume;

import dev.imagegen.events.QueueTaskDispatched;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * One Kafka consumer of the dispatch topics, on its own thread. It reads records into the queue
 * lanes, pauses a partition while its queue holds {@code prefetch} records in memory and resumes it
 * below half of that, sends unreadable records to the dead-letter topic, and commits for each
 * partition the lowest offset that is not finished yet.
 */
final class DispatchConsumer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DispatchConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, String> consumer;
    private final Pattern topics;
    private final DispatchRecordParser parser;
    private final QueueLanes lanes;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final int prefetch;
    private final long commitEveryNanos;
    private final Map<TopicPartition, PartitionBook> books = new ConcurrentHashMap<>();
    private final Map<TopicPartition, String> queueOf = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private volatile boolean running = true;
    private long lastCommit;

    DispatchConsumer(
            Consumer<String, String> consumer,
            Pattern topics,
            DispatchRecordParser parser,
            QueueLanes lanes,
            DeadLetterPublishingRecoverer deadLetters,
            int prefetch,
            Duration commitInterval) {
        this.consumer = consumer;
        this.topics = topics;
        this.parser = parser;
        this.lanes = lanes;
        this.deadLetters = deadLetters;
        this.prefetch = prefetch;
        this.commitEveryNanos = commitInterval.toNanos();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                ConsumerRecords<String, String> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    records = ConsumerRecords.empty();
                }
                for (ConsumerRecord<String, String> record : records) {
                    read(record);
                }
                applyBackPressure();
                commit(false);
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("Dispatch consumer stopped", e);
        } finally {
            try {
                commit(true);
            } catch (RuntimeException e) {
                log.warn("Final offset commit failed: {}", e.getMessage());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void read(ConsumerRecord<String, String> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionBook book = books.computeIfAbsent(partition, PartitionBook::new);
        book.read(record.offset());
        QueueTaskDispatched event;
        try {
            event = parser.parse(record);
        } catch (InvalidDispatchRecordException e) {
            deadLetter(record, e);
            book.finish(record.offset());
            return;
        }
        queueOf.put(partition, event.queueName());
        lanes.lane(event.queueName()).offer(new Parked(event, book, record.offset()));
    }

    /** Publishes to the dead-letter topic, trying until it is acknowledged (the record is not lost). */
    private void deadLetter(ConsumerRecord<String, String> record, InvalidDispatchRecordException reason) {
        long pause = 200;
        while (true) {
            try {
                deadLetters.accept(record, consumer, reason);
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    throw e;
                }
                log.warn(
                        "Dead-letter publish of {}@{} failed, again in {} ms: {}",
                        record.topic(),
                        record.offset(),
                        pause,
                        e.getMessage());
                sleep(pause);
                pause = Math.min(pause * 2, 5_000);
            }
        }
    }

    private void applyBackPressure() {
        for (Map.Entry<TopicPartition, String> e : queueOf.entrySet()) {
            int backlog = lanes.lane(e.getValue()).backlog();
            TopicPartition partition = e.getKey();
            if (backlog >= prefetch && paused.add(partition)) {
                consumer.pause(Set.of(partition));
            } else if (backlog < prefetch / 2 && paused.remove(partition)) {
                consumer.resume(Set.of(partition));
            }
        }
    }

    private void commit(boolean sync) {
        if (!sync && System.nanoTime() - lastCommit < commitEveryNanos) {
            return;
        }
        lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        books.forEach((partition, book) -> {
            long position = book.positionToCommit();
            if (position >= 0) {
                offsets.put(partition, new OffsetAndMetadata(position));
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
        } else {
            consumer.commitAsync(offsets, (committed, e) -> {
                if (e != null) {
                    log.debug("Offset commit failed (the records are read again): {}", e.getMessage());
                }
            });
        }
    }

    /** Stops the loop; a poll in progress returns at once. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Returns from a poll at once, so paused partitions are looked at again. */
    void wakeup() {
        consumer.wakeup();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records of partitions that leave this consumer are forgotten here and read again by their new owner. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition partition : partitions) {
                PartitionBook book = books.get(partition);
                long position = book == null ? -1 : book.position();
                if (position >= 0) {
                    offsets.put(partition, new OffsetAndMetadata(position));
                }
            }
            partitions.forEach(books::remove);
            if (!offsets.isEmpty()) {
                try {
                    consumer.commitSync(offsets);
                } catch (RuntimeException e) {
                    log.warn("Offset commit on revocation failed (the records are read again): {}", e.getMessage());
                }
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
            partitions.forEach(books::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Books are made as records arrive.
        }

        private void forget(Collection<TopicPartition> partitions) {
            Set<PartitionBook> leaving = new HashSet<>();
            for (TopicPartition partition : partitions) {
                PartitionBook book = books.get(partition);
                if (book != null) {
                    book.revoke();
                    leaving.add(book);
                }
                queueOf.remove(partition);
                paused.remove(partition);
            }
            lanes.drop(p -> leaving.contains(p.book()));
        }
    }
}
