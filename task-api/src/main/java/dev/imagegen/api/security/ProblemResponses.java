package dev.imagegen.api.security;

import dev.imagegen.api.problem.ProblemTexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** 401 and 403 answers of the API as problem+json, like every other refusal. */
final class ProblemResponses {

    private ProblemResponses() {}

    static AuthenticationEntryPoint unauthorized(ProblemTexts texts) {
        return (request, response, e) -> {
            if (e instanceof InternalAuthenticationServiceException && databaseAway(e.getCause())) {
                // The credentials could not be checked at all (the database is away): not a refusal.
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                write(
                        texts,
                        request,
                        response,
                        503,
                        "Service unavailable",
                        "Accounts cannot be read right now; nothing was written. Try again.");
                return;
            }
            // The web page asks with X-Requested-With: without the challenge, an expired session
            // brings back the page's own sign-in form instead of the browser's Basic dialog.
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"imagegen\"");
            }
            write(
                    texts,
                    request,
                    response,
                    401,
                    "Unauthorized",
                    "Sign in with an active account (HTTP Basic or the login form).");
        };
    }

    /**
     * The account lookup failed because the database could not be reached or dropped the
     * connection; anything else (a user name PostgreSQL cannot store, say) stays a failed sign-in.
     */
    private static boolean databaseAway(Throwable cause) {
        return cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessException
                || cause instanceof RecoverableDataAccessException;
    }

    /** A request the firewall refuses (a path that is not normalized, control characters in a name): 400. */
    static RequestRejectedHandler rejected(ProblemTexts texts) {
        return (request, response, e) -> write(
                texts,
                request,
                response,
                400,
                "Bad request",
                "The request was rejected: its path, a header or a parameter is malformed.");
    }

    static AccessDeniedHandler forbidden(ProblemTexts texts) {
        return (request, response, e) ->
                write(texts, request, response, 403, "Forbidden", "Your role may not do this.");
    }

    /** The problem in the request's language; the texts hold no quote or backslash in either language. */
    private static void write(
            ProblemTexts texts,
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String title,
            String detail)
            throws IOException {
        Locale locale = texts.locale(request);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // JSON is UTF-8 (RFC 8259): the Chinese texts are written as such, the content type stays as it was.
        response.getOutputStream()
                .write("{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
                        .formatted(texts.translate(title, locale), status, texts.translate(detail, locale))
                        .getBytes(StandardCharsets.UTF_8));
    }
}
