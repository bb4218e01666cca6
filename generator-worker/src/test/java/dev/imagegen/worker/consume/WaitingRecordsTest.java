package dev.imagegen.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.events.QueueTaskDispatched;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The records a lane holds across a rebalance: a revoked partition's records are let go, also those in flight. */
class WaitingRecordsTest {

    private final WaitingRecords waiting = new WaitingRecords();
    private final PartitionBook kept = new PartitionBook(new TopicPartition("imagegen.queue.q", 0));
    private final PartitionBook leaving = new PartitionBook(new TopicPartition("imagegen.queue.q", 1));

    @Test
    void aRecordInFlightWhenItsPartitionWasRevokedIsNotHeldAgain() {
        Parked stays = parked(kept, 7, 1);
        Parked goes = parked(leaving, 3, 2);
        waiting.add(stays);
        waiting.add(goes);
        List<Parked> inFlight = waiting.take(n -> n);
        assertThat(inFlight).containsExactly(stays, goes);

        // The partition moves while the claim is in flight: the consumer revokes its book and drops what waits.
        leaving.revoke();
        waiting.drop(p -> p.book() == leaving);
        waiting.putBack(inFlight);

        assertThat(waiting.take(n -> n))
                .as("its new owner reads it again; a second copy here could be claimed twice in one batch")
                .containsExactly(stays);
    }

    @Test
    void aRevokedRecordIsNotSetAsideEither() {
        Parked notYetDue = parked(leaving, 4, 3);
        Parked notYetVisible = parked(leaving, 5, 4);
        leaving.revoke();
        waiting.untilDue(notYetDue);
        waiting.lookUpAgain(notYetVisible);

        assertThat(waiting.size()).isZero();
        assertThat(waiting.nextRetry()).isZero();
    }

    @Test
    void recordsOfAKeptPartitionGoBackInTheirOrder() {
        Parked first = parked(kept, 1, 10);
        Parked second = parked(kept, 2, 11);
        waiting.add(first);
        waiting.add(second);
        waiting.putBack(waiting.take(n -> n));

        assertThat(waiting.take(n -> n)).containsExactly(first, second);
    }

    private static Parked parked(PartitionBook book, long offset, long attempt) {
        book.read(offset);
        return new Parked(
                new QueueTaskDispatched(
                        QueueTaskDispatched.VERSION,
                        attempt,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        1,
                        "q",
                        1,
                        1,
                        null,
                        Instant.now()),
                book,
                offset);
    }
}
