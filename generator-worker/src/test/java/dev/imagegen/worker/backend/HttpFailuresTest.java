package dev.imagegen.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpFailuresTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T20:00:00Z"), ZoneOffset.UTC);

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(
                values.entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                (name, value) -> true);
    }

    @Test
    void retryAfterMsComesFirstThenSecondsThenAnHttpDate() {
        assertThat(HttpFailures.retryAfter(headers(Map.of("retry-after-ms", "1500", "retry-after", "9")), clock))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(HttpFailures.retryAfter(headers(Map.of("retry-after", "2.5")), clock))
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(HttpFailures.retryAfter(headers(Map.of("retry-after", "Sun, 29 Nov 2026 20:00:07 GMT")), clock))
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(HttpFailures.retryAfter(headers(Map.of("retry-after", "soon")), clock))
                .isNull();
        assertThat(HttpFailures.retryAfter(headers(Map.of()), clock)).isNull();
    }

    @Test
    void eachStatusBecomesItsKindOfFailure() {
        assertThat(HttpFailures.of(new JsonHttp.Answer(403, new byte[0], headers(Map.of())), "m"))
                .isInstanceOf(CredentialsRejectedException.class);
        assertThat(HttpFailures.of(new JsonHttp.Answer(429, new byte[0], headers(Map.of("retry-after", "3"))), "m"))
                .isInstanceOfSatisfying(
                        RetryLaterException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)))
                .isNotInstanceOf(EndpointDownException.class);
        assertThat(HttpFailures.of(new JsonHttp.Answer(502, new byte[0], headers(Map.of())), "m"))
                .isInstanceOf(EndpointDownException.class);
        assertThat(HttpFailures.of(new JsonHttp.Answer(422, new byte[0], headers(Map.of())), "m")
                        .retryable())
                .isFalse();
    }
}
