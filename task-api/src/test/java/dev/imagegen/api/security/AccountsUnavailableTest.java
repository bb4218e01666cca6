package dev.imagegen.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.api.problem.ProblemTexts;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * Spring Security hands the entry point an InternalAuthenticationServiceException when the
 * account lookup itself failed. With the database away that is not a wrong password: a client
 * gets 503 and repeats the request, instead of a 401 telling it its credentials are bad.
 */
class AccountsUnavailableTest {

    private static final ProblemTexts TEXTS = texts();

    private static ProblemTexts texts() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        return new ProblemTexts(messages, new AcceptHeaderLocaleResolver());
    }

    @Test
    void aSignInThatCannotReadTheAccountsIsA503WithRetryAfter() throws Exception {
        MockHttpServletResponse response = answer(new InternalAuthenticationServiceException(
                "lookup failed", new CannotGetJdbcConnectionException("Connection refused")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getHeader("WWW-Authenticate")).isNull();
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":503");
    }

    @Test
    void aUserNameTheDatabaseCannotStoreStaysAFailedSignIn() throws Exception {
        // A NUL in the user name: PostgreSQL refuses the lookup (SQLSTATE 22021), the database is fine.
        MockHttpServletResponse response = answer(new InternalAuthenticationServiceException(
                "lookup failed", new DataIntegrityViolationException("invalid byte sequence for encoding UTF8: 0x00")));

        assertThat(response.getStatus()).isEqualTo(401);
    }

    @Test
    void wrongCredentialsStayA401WithTheChallenge() throws Exception {
        MockHttpServletResponse response = answer(new BadCredentialsException("Bad credentials"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"imagegen\"");
    }

    private static MockHttpServletResponse answer(AuthenticationException failure) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ProblemResponses.unauthorized(TEXTS).commence(new MockHttpServletRequest("GET", "/api/me"), response, failure);
        return response;
    }
}
