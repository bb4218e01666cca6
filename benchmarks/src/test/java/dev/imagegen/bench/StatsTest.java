package dev.imagegen.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentileIsTheNearestRank() {
        double[] values = Stats.sorted(new double[] {5, 1, 4, 2, 3, 10, 9, 8, 7, 6});
        assertThat(Stats.percentile(values, 0.50)).isEqualTo(5);
        assertThat(Stats.percentile(values, 0.95)).isEqualTo(10);
        assertThat(Stats.percentile(values, 0.10)).isEqualTo(1);
        assertThat(Stats.percentile(values, 0.0)).isEqualTo(1);
        assertThat(Stats.percentile(new double[0], 0.5)).isNaN();
    }

    @Test
    void handoffGapPairsEachReleaseWithTheClaimLimitPlacesLater() {
        // Limit 2: claims at 0 and 0 fill both slots; releases at 10 and 12 are followed by claims
        // at 13 and 16 (gaps 3 and 4 ms); the release at 20 by the claim at 21 (1 ms).
        long[] claims = {0, 0, 13_000, 16_000, 21_000};
        long[] releases = {20_000, 10_000, 12_000, 30_000, 31_000};
        double[] gaps = Stats.handoffGaps(claims, releases, 2);
        assertThat(gaps).containsExactly(1.0, 3.0, 4.0);
    }

    @Test
    void handoffGapIsEmptyWhenTheQueueNeverFilled() {
        assertThat(Stats.handoffGaps(new long[] {0, 1}, new long[] {5, 6}, 2)).isEmpty();
    }

    @Test
    void utilizationIsBusySlotTimeOverLimitTimesWall() {
        // Two slots over 10 s (0..10): one busy 0..10, the other 0..4 and 5..10 -> 19 / 20.
        long[] starts = {0, 0, 5_000_000};
        long[] ends = {10_000_000, 4_000_000, 10_000_000};
        assertThat(Stats.utilization(starts, ends, 2)).isCloseTo(0.95, within(1e-9));
        assertThat(Stats.utilization(starts, ends, 4)).isCloseTo(0.475, within(1e-9));
    }
}
