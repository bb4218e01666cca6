package dev.imagegen.api.problem;

import java.beans.PropertyEditorSupport;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every refusal into an RFC 9457 problem; bad input lists each field under {@code errors}. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** Text parameters, path variables and headers must be storable: a NUL is refused before any query. */
    @InitBinder
    void refuseNulInText(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (StorableText.hasNul(text)) {
                    throw new IllegalArgumentException(StorableText.NUL_MESSAGE);
                }
                setValue(text);
            }
        });
    }

    @ExceptionHandler
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        ProblemDetail problem = invalid(e.problems());
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<Object> notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<Object> conflict(ConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Conflict");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /** The firewall refuses a parameter only when it is read, inside the handler: still bad input, not a failure. */
    @ExceptionHandler
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request was rejected: its path, a header or a parameter is malformed.");
        problem.setTitle("Bad request");
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * The database cannot be reached or dropped the connection (a restart, a fail-over): the
     * transaction was rolled back, so the same request can simply be sent again.
     */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        RecoverableDataAccessException.class
    })
    ResponseEntity<Object> unavailable(DataAccessException e) {
        log.warn("Database unavailable: {}", e.getMostSpecificCause().getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The database is unavailable for a moment; nothing was written. Try again.");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<Object> unexpected(RuntimeException e) {
        log.error("Request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "The request failed; nothing was written.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    /**
     * A body that does not bind is a bad field: an unknown field, a value of the wrong type or text that cannot be stored
     * at its own path, malformed JSON at {@code $}.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(
                e, invalid(List.of(BodyProblems.of(e.getCause()))), headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A body that binds but breaks its record's constraints: every broken one, at its JSON path. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getBindingResult()
                .getFieldErrors()
                .forEach(error -> problems.add(
                        new FieldProblem(BodyProblems.jsonPath(error.getField()), error.getDefaultMessage())));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem("$", error.getDefaultMessage())));
        return handleExceptionInternal(e, invalid(problems), headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A parameter, path variable or header of the wrong type is a bad field, named like the others. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name =
                e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        String message =
                StorableText.NUL_MESSAGE.equals(e.getMostSpecificCause().getMessage())
                        ? StorableText.NUL_MESSAGE
                        : "must be a valid "
                                + (e.getRequiredType() == null
                                        ? "value"
                                        : e.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT));
        ProblemDetail problem = invalid(List.of(new FieldProblem(name == null ? "$" : name, message)));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The problem of a refused request: each bad field under {@code errors}. */
    private static ProblemDetail invalid(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "The request has %d invalid field(s); nothing was written.".formatted(problems.size()));
        problem.setType(URI.create("/problems/invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", problems);
        return problem;
    }
}
