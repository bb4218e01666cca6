package dev.imagegen.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.local.chaos.RecordingBackend.Generation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosChecksTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Generation run(String prompt, long startMillis, long endMillis) {
        return new Generation(prompt, 1, T0.plusMillis(startMillis), T0.plusMillis(endMillis), true);
    }

    @Test
    void oneGenerationPerSubtaskIsClean() {
        ChaosChecks.Generations checked = ChaosChecks.generations(
                Map.of("a", T0.plusMillis(700), "b", T0.plusMillis(900)),
                List.of(run("a", 0, 600), run("b", 100, 800)));

        assertThat(checked).isEqualTo(new ChaosChecks.Generations(2, 0, 0, 0, List.of()));
    }

    @Test
    void aRunAfterAKilledOneCountsAsGeneratedAgainButNotAsADouble() {
        // The first run's worker died at 600 ms; the lease expired and another worker ran it.
        ChaosChecks.Generations checked = ChaosChecks.generations(
                Map.of("a", T0.plusMillis(6_700)), List.of(run("a", 6_000, 6_600), run("a", 0, 600)));

        assertThat(checked).isEqualTo(new ChaosChecks.Generations(2, 1, 0, 0, List.of()));
    }

    @Test
    void overlappingRunsOfOneSubtaskAreDoubles() {
        ChaosChecks.Generations checked = ChaosChecks.generations(
                Map.of("a", T0.plusMillis(1_000)), List.of(run("a", 0, 600), run("a", 300, 900)));

        assertThat(checked.overlapping()).isEqualTo(1);
        assertThat(checked.overlaps())
                .as("the report names the subtask and both runs")
                .containsExactly(new ChaosChecks.Overlap("a", run("a", 0, 600), run("a", 300, 900)));
    }

    @Test
    void aRunThatStartsAfterTheSubtaskCompletedIsADouble() {
        ChaosChecks.Generations checked = ChaosChecks.generations(
                Map.of("a", T0.plusMillis(650)), List.of(run("a", 0, 600), run("a", 2_000, 2_600)));

        assertThat(checked.afterCompletion()).isEqualTo(1);
        assertThat(checked.overlapping()).isZero();
    }
}
