package dev.imagegen.dispatcher.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * When the server's WAL was where: samples of {@code pg_current_wal_lsn()} over time, from which
 * the slot's lag in seconds is estimated as the time since the WAL was at the slot's confirmed
 * position, interpolated between the two samples around it. Idle, that is at most one sample
 * interval; busy, a small part of one. A position older than every sample (the dispatcher started
 * after the slot fell behind) gives the time since the oldest sample, a lower bound.
 */
final class WalPositions {

    private record Sample(Instant at, long position) {}

    private final int capacity;
    private final Deque<Sample> samples = new ArrayDeque<>();

    WalPositions(int capacity) {
        this.capacity = capacity;
    }

    /** Records the server's WAL position at {@code at}, and answers how long ago it was at {@code confirmed}. */
    synchronized Duration lag(Instant at, long current, long confirmed) {
        Iterator<Sample> newestFirst = samples.descendingIterator();
        Sample newest = newestFirst.hasNext() ? newestFirst.next() : null;
        Sample previous = newestFirst.hasNext() ? newestFirst.next() : null;
        if (newest != null && newest.position() > current) {
            samples.clear(); // another server (a restored or promoted one): start over
        } else if (previous != null && previous.position() == current && newest.position() == current) {
            // While no WAL is written, the first and the last time at a position are what matters.
            samples.pollLast();
        }
        samples.addLast(new Sample(at, current));
        if (samples.size() > capacity) {
            samples.pollFirst();
        }
        if (confirmed >= current) {
            return Duration.ZERO;
        }
        Sample before = null;
        for (Sample sample : samples) {
            if (sample.position() > confirmed) {
                return before == null
                        ? between(samples.peekFirst().at(), at)
                        : interpolated(before, sample, confirmed, at);
            }
            before = sample;
        }
        return Duration.ZERO;
    }

    private Duration interpolated(Sample before, Sample after, long confirmed, Instant now) {
        // Older samples can no longer be the one before a confirmed position, which only moves on.
        while (samples.peekFirst() != before) {
            samples.pollFirst();
        }
        double share = (double) (confirmed - before.position()) / (after.position() - before.position());
        long nanos = Duration.between(before.at(), after.at()).toNanos();
        return between(before.at().plusNanos(Math.round(share * nanos)), now);
    }

    private static Duration between(Instant from, Instant to) {
        Duration lag = Duration.between(from, to);
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}
