package dev.imagegen.api.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** The dashboard: results per queue and day over a range of UTC days, and every queue's load now. */
@Schema(description = "Daily results per queue over a range of UTC days, and every queue's load now")
public record DashboardView(
        @Schema(description = "First UTC day of the range", example = "2026-02-16")
        LocalDate from,

        @Schema(description = "Last UTC day of the range (today)", example = "2026-03-01")
        LocalDate to,

        @Schema(
                description = "Days with finished attempts, oldest first; a day without any has no row."
                        + " Computed by the housekeeping (hourly by default), so today's row lags behind")
        List<DailyQueueStats> daily,

        @Schema(description = "Every queue, by id") List<QueueLoad> queues) {}
