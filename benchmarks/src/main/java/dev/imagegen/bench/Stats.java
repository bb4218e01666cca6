package dev.imagegen.bench;

import java.util.Arrays;

/**
 * The arithmetic of the table: nearest-rank percentiles, the slot hand-off gap and slot
 * utilization. Times are microseconds since the epoch (the database's timestamps); results are
 * milliseconds or fractions.
 */
final class Stats {

    private Stats() {}

    /** Nearest-rank percentile of already sorted values ({@code p} in 0..1); NaN when empty. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** A sorted copy. */
    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /**
     * Slot hand-off gaps in ms, sorted. In a queue kept full at {@code limit}, the claim that takes
     * the slot freed by the k-th release (in time order) is the (k + limit)-th claim: its gap is
     * that claim's time minus that release's time (the definition of the worker module's benchmark).
     */
    static double[] handoffGaps(long[] claimsMicros, long[] releasesMicros, int limit) {
        long[] claims = claimsMicros.clone();
        long[] releases = releasesMicros.clone();
        Arrays.sort(claims);
        Arrays.sort(releases);
        int n = Math.max(0, Math.min(releases.length, claims.length - limit));
        double[] gaps = new double[n];
        for (int k = 0; k < n; k++) {
            gaps[k] = (claims[k + limit] - releases[k]) / 1000.0;
        }
        Arrays.sort(gaps);
        return gaps;
    }

    /**
     * Busy slot-seconds over {@code limit} slots times the wall time from the first claim to the
     * last release; {@code starts[i]} and {@code ends[i]} are one attempt.
     */
    static double utilization(long[] startsMicros, long[] endsMicros, int limit) {
        if (startsMicros.length == 0) {
            return Double.NaN;
        }
        long busy = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < startsMicros.length; i++) {
            busy += endsMicros[i] - startsMicros[i];
            first = Math.min(first, startsMicros[i]);
            last = Math.max(last, endsMicros[i]);
        }
        return (double) busy / ((double) limit * (last - first));
    }

    /** From the first claim until {@code limit} attempts had started (ms): the ramp-up of a full queue. */
    static double rampUpMs(long[] startsMicros, int limit) {
        if (startsMicros.length < limit) {
            return Double.NaN;
        }
        long[] sorted = startsMicros.clone();
        java.util.Arrays.sort(sorted);
        return (sorted[limit - 1] - sorted[0]) / 1000.0;
    }
}
