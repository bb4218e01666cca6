package dev.imagegen.api.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.api.submit.Expansion.Combination;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The cartesian product: count, order (v0 slowest), indices, and where settings and seeds come from. */
class ExpansionTest {

    static final SubmitLimits LIMITS = new SubmitLimits(
            6,
            10_000,
            100,
            100,
            255,
            4000,
            255,
            2048,
            -10,
            10,
            1,
            10,
            1,
            8,
            4_294_967_295L,
            List.of("1:1", "16:9", "9:16"),
            20);

    final JsonMapper mapper = JsonMapper.builder().build();
    final SubmissionReader reader = new SubmissionReader(LIMITS);

    Expansion expand(String json) {
        return new Expansion(reader.read(mapper.readTree(json)));
    }

    @Test
    void theCountIsTheProductOfTheValueCounts() {
        Expansion expansion = expand("""
                {"name": "n", "variables": {
                  "v0": {"type": "prompt", "values": [{"value": "a"}, {"value": "b"}]},
                  "v1": {"type": "element", "values": [{"value": "c"}, {"value": "d"}, {"value": "e"}]},
                  "v2": {"type": "polish", "values": [true, false]}},
                 "polish": {"is_variable": true, "variable_id": "v2"}}
                """);
        assertThat(expansion.count()).isEqualTo(12);
    }

    @Test
    void theFirstVariableChangesSlowestAndTheLastFastest() {
        Expansion expansion = expand("""
                {"name": "n", "variables": {
                  "v1": {"type": "element", "values": [{"value": "x"}, {"value": "y"}, {"value": "z"}]},
                  "v0": {"type": "prompt", "values": [{"value": "a"}, {"value": "b"}]}}}
                """);
        List<Map<String, Integer>> order = LongStream.range(0, expansion.count())
                .mapToObj(n -> expansion.combination(n).variableIndices())
                .toList();
        assertThat(order)
                .containsExactly(
                        Map.of("v0", 0, "v1", 0),
                        Map.of("v0", 0, "v1", 1),
                        Map.of("v0", 0, "v1", 2),
                        Map.of("v0", 1, "v1", 0),
                        Map.of("v0", 1, "v1", 1),
                        Map.of("v0", 1, "v1", 2));
        assertThat(expansion.combination(5).prompts())
                .extracting(tag -> tag.get("value").asString())
                .containsExactly("b", "z");
    }

    @Test
    void fixedTagsComeFirstThenEachTagVariablesChosenValue() {
        Combination combination = expand("""
                {"name": "n", "prompts": [{"type": "prompt", "value": "fixed"}],
                 "variables": {"v0": {"type": "character", "values": [{"value": "fox"}, {"value": "owl"}]}}}
                """).combination(1);
        assertThat(combination.prompts())
                .extracting(tag -> tag.get("value").asString())
                .containsExactly("fixed", "owl");
    }

    @Test
    void settingsAreFixedOrTakenFromTheirVariable() {
        Expansion expansion = expand("""
                {"name": "n", "prompts": [{"type": "prompt", "value": "a kite"}], "ratio": {"value": "16:9"}, "batch_size": {"is_variable": true, "variable_id": "v0"},
                 "seed": {"value": 42}, "polish": {"value": true},
                 "variables": {"v0": {"type": "batch_size", "values": [1, 4]}}}
                """);
        assertThat(expansion.combination(1))
                .returns("16:9", Combination::ratio)
                .returns(4, Combination::batchSize)
                .returns(42L, Combination::seed)
                .returns(true, Combination::usePolish);
    }

    @Test
    void aNullSeedIsDrawnPerSubtaskWhenRowsAreBuilt() {
        TaskSubmission task = reader.read(mapper.readTree("""
                {"name": "n", "variables": {"v0": {"type": "prompt", "values": [{"value": "a"}, {"value": "b"}]}}}
                """));
        long[] next = {100};
        SubtaskRows rows = SubtaskRows.of(new Expansion(task), task, mapper, () -> next[0]++);
        assertThat(new Expansion(task).combination(0).seed()).isNull();
        assertThat(mapper.readTree(rows.json).findValues("seed"))
                .extracting(seed -> seed.longValue())
                .containsExactly(100L, 101L);
        assertThat(rows.count).isEqualTo(2);
        assertThat(mapper.readTree(rows.json).findValues("seq"))
                .extracting(seq -> seq.intValue())
                .containsExactly(0, 1);
    }

    @Test
    void withoutVariablesThereIsExactlyOneCombination() {
        Expansion expansion = expand("{\"name\": \"n\", \"prompts\": [{\"type\": \"prompt\", \"value\": \"a kite\"}]}");
        assertThat(expansion.count()).isOne();
        assertThat(expansion.combination(0))
                .returns(Map.of(), Combination::variableIndices)
                .returns("1:1", Combination::ratio)
                .returns(1, Combination::batchSize);
    }
}
