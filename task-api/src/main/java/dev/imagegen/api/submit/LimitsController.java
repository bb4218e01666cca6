package dev.imagegen.api.submit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/limits}: what the submission checks allow, so a form offers exactly that. */
@RestController
@Tag(name = "account")
class LimitsController {

    private final Limits limits;

    LimitsController(SubmitLimits limits) {
        this.limits = Limits.of(limits);
    }

    @GetMapping("/api/limits")
    @Operation(
            operationId = "getLimits",
            summary = "The limits a submitted task must keep: variables, values, subtasks, ratios, batch sizes")
    Limits getLimits() {
        return limits;
    }
}
