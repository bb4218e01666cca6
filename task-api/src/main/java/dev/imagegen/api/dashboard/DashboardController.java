package dev.imagegen.api.dashboard;

import dev.imagegen.api.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/dashboard}: the figures the dashboard page charts. */
@RestController
@Tag(name = "dashboard", description = "Daily results per queue and the queues' load now")
class DashboardController {

    static final int MAX_DAYS = 366;

    private final DashboardQueries queries;

    DashboardController(DashboardQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/dashboard")
    @Operation(
            operationId = "readDashboard",
            summary = "Images, failures, mean generation time and ratings per queue and UTC day over the last days,"
                    + " and each queue's waiting and running attempts now")
    DashboardView dashboard(
            @Parameter(
                            description = "how many UTC days, today included",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "366",
                                            defaultValue = "14"))
                    @RequestParam(defaultValue = "14")
                    int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw InvalidRequestException.of("days", "must be between 1 and " + MAX_DAYS);
        }
        LocalDate to = queries.today();
        LocalDate from = to.minusDays(days - 1L);
        return new DashboardView(from, to, queries.daily(from, to), queries.load());
    }
}
