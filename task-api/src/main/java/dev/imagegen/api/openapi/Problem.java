package dev.imagegen.api.openapi;

import dev.imagegen.api.problem.FieldProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The document's one error schema: RFC 9457 problem details as ProblemHandler and the security answers write them. */
@Schema(name = "Problem", description = "An RFC 9457 problem: why the request was refused or failed")
record Problem(
        @Schema(
                description = "Names the kind of problem; about:blank when the status says it all",
                example = "/problems/invalid-request")
        String type,

        @Schema(description = "Short summary of the kind of problem", example = "Invalid request")
        String title,

        @Schema(description = "The HTTP status", example = "400")
        int status,

        @Schema(
                description = "What went wrong for this request",
                example = "The request has 1 invalid field(s); nothing was written.")
        String detail,

        @Schema(description = "The request path", example = "/api/tasks", nullable = true)
        String instance,

        @Schema(
                description = "Each bad field of a 400, with its JSON path (or parameter name) and why",
                nullable = true)
        List<FieldProblem> errors,

        @Schema(
                description = "For a submission over the subtask limit: the subtasks it would expand to",
                nullable = true,
                example = "12000")
        Long count) {}
