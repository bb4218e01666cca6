package dev.imagegen.api.log;

import dev.imagegen.systemlog.SystemLog;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * An ERROR row in system_logs for every request answered with a 5xx (Actuator's aside), from the same observation that
 * times the request ({@code http_server_requests}). Written without delaying the answer, and at
 * most {@link #ROWS_PER_MINUTE} a minute, so a failing database is not asked for a row per request:
 * the next row written counts the ones left out.
 */
@Component
class RequestFailureLog implements ObservationHandler<ServerRequestObservationContext> {

    static final int ROWS_PER_MINUTE = 60;
    private static final int MAX_ERROR_LENGTH = 300;

    private final SystemLog systemLog;
    private final Clock clock;
    private Instant minute = Instant.MIN;
    private int written;
    private int leftOut;

    @Autowired
    RequestFailureLog(SystemLog systemLog) {
        this(systemLog, Clock.systemUTC());
    }

    RequestFailureLog(SystemLog systemLog, Clock clock) {
        this.systemLog = systemLog;
        this.clock = clock;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        HttpServletResponse response = context.getResponse();
        int status = response == null ? 0 : response.getStatus();
        Throwable error = context.getError();
        if (error != null && status < 400) {
            status = 500; // the exception left the handlers: the container answers 500
        }
        if (status < 500) {
            return;
        }
        String path = context.getPathPattern() != null
                ? context.getPathPattern()
                : context.getCarrier().getRequestURI();
        if (path.startsWith("/actuator")) {
            return; // a health check answering 503 reports a state; it did not fail
        }
        String method = context.getCarrier().getMethod();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", method);
        details.put("path", path);
        details.put("status", status);
        if (error != null) {
            details.put("error", abbreviate(error.getClass().getName() + ": " + error.getMessage()));
        }
        Integer before = admit();
        if (before == null) {
            return;
        }
        if (before > 0) {
            details.put("left_out_before", before);
        }
        systemLog.recordLater(
                SystemLog.Level.ERROR, "request failed: %s %s → %d".formatted(method, path, status), details);
    }

    /** Null when this minute's rows are used up; else how many were left out before this one. */
    private synchronized Integer admit() {
        Instant now = clock.instant();
        if (!now.isBefore(minute.plus(Duration.ofMinutes(1)))) {
            minute = now;
            written = 0;
        }
        if (written >= ROWS_PER_MINUTE) {
            leftOut++;
            return null;
        }
        written++;
        int before = leftOut;
        leftOut = 0;
        return before;
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
