package dev.imagegen.worker.backend;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What an HTTP error status means for the attempt: 401/403 reject the credentials, 408, 409 and
 * 429 are worth a later retry, 5xx means the endpoint is down, any other 4xx is final.
 */
final class HttpFailures {

    private HttpFailures() {}

    static BackendException of(JsonHttp.Answer answer, String message) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            return new CredentialsRejectedException(message);
        }
        if (status == 408 || status == 409 || status == 429) {
            return new RetryLaterException(message, retryAfter(answer.headers(), Clock.systemUTC()), null);
        }
        if (status >= 500) {
            return new EndpointDownException(message, retryAfter(answer.headers(), Clock.systemUTC()), null);
        }
        return new BackendException(message, status < 400, null);
    }

    /**
     * The wait the answer asks for: {@code retry-after-ms} (milliseconds), else {@code retry-after}
     * (seconds or an HTTP date); null when neither is there or readable.
     */
    static Duration retryAfter(HttpHeaders headers, Clock clock) {
        String millis = headers.firstValue("retry-after-ms").orElse(null);
        if (millis != null) {
            try {
                return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(millis.strip()))));
            } catch (NumberFormatException e) {
                // fall through to retry-after
            }
        }
        String after = headers.firstValue("retry-after").orElse(null);
        if (after == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(after.strip()) * 1000)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(after.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
