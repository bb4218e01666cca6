package dev.imagegen.dispatcher.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WalPositionsTest {

    static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    final WalPositions positions = new WalPositions(100);

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aSlotThatConfirmedTheCurrentPositionHasNoLag() {
        assertThat(positions.lag(at(0), 1_000, 1_000)).isZero();
        assertThat(positions.lag(at(10), 5_000, 5_000)).isZero();
    }

    @Test
    void aPositionBetweenTwoSamplesIsPlacedInTimeByTheWalWrittenBetweenThem() {
        positions.lag(at(0), 1_000, 1_000);

        // At 10 s the server is at 2,000; the slot confirmed 1,500, where the WAL was at about 5 s.
        assertThat(positions.lag(at(10), 2_000, 1_500)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSlotThatStopsConfirmingFallsFurtherBehindWithEverySample() {
        positions.lag(at(0), 1_000, 1_000);
        positions.lag(at(10), 2_000, 1_000);
        positions.lag(at(20), 3_000, 1_000);

        assertThat(positions.lag(at(600), 90_000, 1_000)).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void anIdleServerKeepsTheTimeItLastWroteSoTheLagIsMeasuredFromThere() {
        positions.lag(at(0), 1_000, 1_000);
        positions.lag(at(10), 1_000, 1_000);
        positions.lag(at(20), 1_000, 1_000);

        // Written at 30 s (the sample sees it at 30 s), not yet confirmed at 40 s: behind since 20 s.
        positions.lag(at(30), 1_100, 1_000);
        assertThat(positions.lag(at(40), 1_100, 1_000)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aPositionOlderThanEverySampleGivesTheTimeSinceTheFirstAsALowerBound() {
        assertThat(positions.lag(at(0), 9_000, 1_000)).isZero();
        assertThat(positions.lag(at(30), 9_500, 1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void onlyTheNewestSamplesAreKept() {
        WalPositions few = new WalPositions(3);
        few.lag(at(0), 1_000, 1_000);
        few.lag(at(10), 2_000, 1_000);
        few.lag(at(20), 3_000, 1_000);
        few.lag(at(30), 4_000, 1_000);

        assertThat(few.lag(at(40), 5_000, 1_000)).isEqualTo(Duration.ofSeconds(20));
    }
}
