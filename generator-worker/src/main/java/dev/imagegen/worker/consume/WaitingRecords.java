package dev.imagegen.worker.consume;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

/**
 * The dispatch records one queue's lane holds in memory: those that may be claimed now, in arrival
 * order, and those set aside until a time (an attempt not yet due, or not yet visible). Records
 * come in from consumer threads, leave through the lane's thread, and are dropped on a rebalance.
 */
final class WaitingRecords {

    private final Deque<Parked> waiting = new ArrayDeque<>();
    private final List<Parked> later = new ArrayList<>();

    synchronized void add(Parked record) {
        waiting.addLast(record);
    }

    /** Records held, for back-pressure. */
    synchronized int size() {
        return waiting.size() + later.size();
    }

    synchronized void drop(Predicate<Parked> which) {
        waiting.removeIf(which);
        later.removeIf(which);
    }

    /**
     * Moves the records whose time came back to the front, then takes as many from the front as
     * {@code reserve} grants of what is there; answers them in order.
     */
    synchronized List<Parked> take(IntUnaryOperator reserve) {
        long now = System.nanoTime();
        for (Iterator<Parked> it = later.iterator(); it.hasNext(); ) {
            Parked p = it.next();
            if (p.retryAt() <= now) {
                it.remove();
                waiting.addFirst(p);
            }
        }
        List<Parked> taken = new ArrayList<>();
        int granted = reserve.applyAsInt(waiting.size());
        for (int i = 0; i < granted; i++) {
            taken.add(waiting.pollFirst());
        }
        return taken;
    }

    /**
     * Returns records to the front, in their order (their queue could not take them yet); those of a
     * partition revoked meanwhile are let go, as {@link #drop} let go of the others.
     */
    synchronized void putBack(List<Parked> records) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (!records.get(i).book().revoked()) {
                waiting.addFirst(records.get(i));
            }
        }
    }

    /** Sets a record aside until its attempt is due. */
    synchronized void untilDue(Parked p) {
        if (p.book().revoked()) {
            return;
        }
        Instant at = p.event().notBefore();
        long inNanos = at == null ? 0 : Duration.between(Instant.now(), at).toNanos();
        later.add(p.later(System.nanoTime() + Math.max(TimeUnit.MILLISECONDS.toNanos(1), inNanos), false));
    }

    /** Sets a record aside to be looked up again after 5, 10, 20 ... ms (doubling with each lookup). */
    synchronized void lookUpAgain(Parked p) {
        if (p.book().revoked()) {
            return;
        }
        later.add(p.later(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5L << p.lookups()), true));
    }

    /** When the next set-aside record is due (nanoTime), or 0 when none is. */
    synchronized long nextRetry() {
        return later.stream().mapToLong(Parked::retryAt).min().orElse(0);
    }
}
