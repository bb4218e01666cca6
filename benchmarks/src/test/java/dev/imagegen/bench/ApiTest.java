package dev.imagegen.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApiTest {

    private static long values(String body, String variable) {
        var m = Pattern.compile("\"" + variable + "\": \\{\"type\": \"prompt\", \"values\": \\[(.*?)]}")
                .matcher(body);
        return m.find()
                ? Pattern.compile("\"uuid\"").matcher(m.group(1)).results().count()
                : 0;
    }

    @Test
    void variablesExpandToTheAskedNumberOfSubtasks() {
        assertThat(values(Api.body("t", 1), "v0")).isZero();
        assertThat(values(Api.body("t", 37), "v0")).isEqualTo(37);
        String thousand = Api.body("t", 1000);
        assertThat(values(thousand, "v0") * values(thousand, "v1")).isEqualTo(1000);
        String max = Api.body("t", 10_000);
        assertThat(values(max, "v0") * values(max, "v1")).isEqualTo(10_000);
    }

    @Test
    void sizesTheApiCannotTakeAreRefusedBeforeSending() {
        assertThatThrownBy(() -> Api.body("t", 150)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Api.body("t", 10_100)).isInstanceOf(IllegalArgumentException.class);
    }
}
