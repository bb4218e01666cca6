package dev.imagegen.api.security;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.imagegen.api.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Passwords and their hashes never leave the server: every answer (body and headers) and every
 * log line of a session that creates users, changes passwords, signs in right and wrong with Basic
 * and the form, and lists users, is searched for each password used and each bcrypt hash stored.
 * Our own code and Spring Security log at DEBUG here; Spring MVC's own DEBUG log prints request
 * bodies by design and is not meant for production.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "logging.level.dev.imagegen=DEBUG",
            "logging.level.org.springframework.security=DEBUG",
            "imagegen.api.security.lockout.max-failures=3"
        })
class NoSecretLeaksTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private final List<String> answers = new ArrayList<>();

    private MockHttpServletResponse call(RequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        StringBuilder seen = new StringBuilder(response.getContentAsString(StandardCharsets.UTF_8));
        for (String header : response.getHeaderNames()) {
            response.getHeaders(header)
                    .forEach(value ->
                            seen.append('\n').append(header).append(": ").append(value));
        }
        answers.add(seen.toString());
        return response;
    }

    @Test
    void noPasswordAndNoHashIsEverAnsweredOrLogged(CapturedOutput output) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String first = "First-Secret-" + suffix;
        String second = "Second-Secret-" + suffix;
        String wrong = "Wrong-Guess-" + suffix;
        String refused = "Short" + suffix.substring(0, 2);
        String unquoted = "Unquoted" + suffix;
        List<String> passwords = List.of(first, second, wrong, refused, unquoted);

        String created = call(post("/api/users")
                        .with(as(ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"leak%s\", \"password\": \"%s\", \"role\": \"user\"}"
                                .formatted(suffix, first)))
                .getContentAsString();
        assertThat(created).contains("leak" + suffix);
        int id = jdbc.sql("SELECT id FROM users WHERE username = :u")
                .param("u", "leak" + suffix)
                .query(Integer.class)
                .single();
        String username = "leak" + suffix;

        assertThat(call(get("/api/me").with(httpBasic(username, first))).getStatus())
                .isEqualTo(200);
        call(patch("/api/users/" + id)
                .with(as(ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\": \"%s\"}".formatted(second)));
        assertThat(call(get("/api/me").with(httpBasic(username, first))).getStatus())
                .isEqualTo(401);
        assertThat(call(get("/api/me").with(httpBasic(username, second))).getStatus())
                .isEqualTo(200);

        // Refused changes: too short, a duplicate user, and JSON that does not parse around a password.
        call(post("/api/users")
                .with(as(ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\": \"short%s\", \"password\": \"%s\", \"role\": \"user\"}"
                        .formatted(suffix, refused)));
        call(post("/api/users")
                .with(as(ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\": \"%s\", \"password\": \"%s\", \"role\": \"user\"}"
                        .formatted(username, second)));
        call(post("/api/users")
                .with(as(ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\": \"x%s\", \"password\": %s}".formatted(suffix, unquoted)));
        call(patch("/api/users/" + id)
                .with(as(ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\": \"%s\", \"role\": \"king\"}".formatted(first)));

        // The sign-in form, right and wrong; then wrong Basic passwords until the name is locked.
        call(post("/login").with(csrf()).param("username", username).param("password", second));
        call(post("/login").with(csrf()).param("username", username).param("password", wrong));
        call(post("/login").with(csrf()).param("username", "nobody" + suffix).param("password", second));
        for (int i = 0; i < 4; i++) {
            call(get("/api/me").with(httpBasic(username, wrong)));
        }
        call(get("/api/me").with(httpBasic("nobody" + suffix, wrong)));

        call(get("/api/users").with(as(ADMIN)));
        call(get("/api/system-logs").with(as(ADMIN)));

        List<String> hashes = jdbc.sql("SELECT hashed_password FROM users")
                .query(String.class)
                .list();
        assertThat(hashes).hasSizeGreaterThanOrEqualTo(7);
        String everything = String.join("\n", answers);
        String logs = output.getAll();
        assertThat(logs).as("log output").contains(username);
        for (String secret : passwords) {
            assertThat(everything).as("answers").doesNotContain(secret);
            assertThat(logs).as("log output").doesNotContain(secret);
        }
        for (String hash : hashes) {
            assertThat(everything).as("answers").doesNotContain(hash);
            assertThat(logs).as("log output").doesNotContain(hash);
        }
        assertThat(everything).as("answers").doesNotContain("hashed_password").doesNotContain("$2a$");
    }
}
