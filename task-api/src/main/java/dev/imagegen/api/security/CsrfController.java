package dev.imagegen.api.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/csrf}: the token a session's unsafe calls must carry, for the web page. Programs that send HTTP
 * Basic on every call need none. The token belongs to the session, so it changes when the session signs in: ask again
 * after signing in.
 */
@RestController
@Tag(name = "account")
class CsrfController {

    @GetMapping("/api/csrf")
    @Operation(
            operationId = "getCsrfToken",
            summary = "The CSRF token of the caller's session: send it in the named header (or form parameter) with"
                    + " every POST, PUT, PATCH and DELETE of the session, the sign-in form included")
    Csrf getCsrfToken(@Parameter(hidden = true) CsrfToken token) {
        return new Csrf(token.getHeaderName(), token.getParameterName(), token.getToken());
    }

    /** Where the token goes, and the token. */
    @Schema(name = "CsrfToken", description = "The session's CSRF token and where to send it")
    record Csrf(
            @Schema(description = "The request header that carries it", example = "X-CSRF-TOKEN")
            String headerName,

            @Schema(description = "The form parameter that carries it (the sign-in form)", example = "_csrf")
            String parameterName,

            @Schema(description = "The token") String token) {}
}
