package dev.imagegen.worker.generation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PromptComposerTest {

    @Test
    void writesTagsInA1111SyntaxWithTheWeightOnlyWhenItIsNotOne() {
        String prompts = """
                [{"type":"prompt","value":"a red fox","weight":1.0},
                 {"type":"character","value":"kitsune","weight":1.2},
                 {"type":"element","value":"snow","weight":0.80},
                 {"type":"element","value":"  "},
                 {"type":"element","value":"night"}]
                """;

        assertThat(PromptComposer.compose(JsonMapper.builder().build(), prompts))
                .isEqualTo("a red fox, (kitsune:1.2), (snow:0.8), night");
    }
}
