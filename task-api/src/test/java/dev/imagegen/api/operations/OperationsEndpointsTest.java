package dev.imagegen.api.operations;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OpenAPI, Swagger UI, health, readiness, Prometheus, and the session login the web page uses. */
@ApiTest
class OperationsEndpointsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theOpenApiDocumentDescribesTheApiWithoutSigningIn() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.openapi").exists())
                .andExpect(jsonPath("$.paths['/api/tasks'].post").exists())
                .andExpect(jsonPath("$.paths['/api/tasks/{id}/subtasks/{sid}/rating'].put")
                        .exists());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }

    @Test
    void thePagesFilesAreCachedAndRevalidatedNotRefetched() throws Exception {
        var first = mvc.perform(get("/js/app.js"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-cache")))
                .andExpect(header().string("Cache-Control", not(containsString("no-store"))))
                .andReturn()
                .getResponse();
        String lastModified = first.getHeader("Last-Modified");
        assertThat(lastModified).isNotBlank();
        mvc.perform(get("/js/app.js").header("If-Modified-Since", lastModified)).andExpect(status().isNotModified());
        mvc.perform(get("/index.html"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", not(containsString("no-store"))));
    }

    @Test
    void healthAndReadinessAnswerUp() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void prometheusShowsTheSubmissionTimer() throws Exception {
        mvc.perform(post("/api/tasks")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Bodies.single("metered")))
                .andExpect(status().isCreated());
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("imagegen_tasks_submit_seconds_count")));
    }

    @Test
    void theWebPageSignsInWithASessionAndItsCsrfToken() throws Exception {
        MockHttpSession session =
                (MockHttpSession) mvc.perform(formLogin("/login").user(USER).password(USER))
                        .andExpect(authenticated().withUsername(USER))
                        .andReturn()
                        .getRequest()
                        .getSession();
        mvc.perform(get("/api/me").session(session))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(USER));
        // A state change on the session needs the CSRF token: a cross-site form cannot send it.
        mvc.perform(post("/api/tasks")
                        .session(session)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Bodies.single("no token")))
                .andExpect(status().isForbidden());
        mvc.perform(formLogin("/login").user(USER).password("wrong")).andExpect(unauthenticated());
    }

    /** The page signs in as a browser does: the token from GET /api/csrf with the form, then a fresh one for calls. */
    @Test
    void theCsrfTokenOfGetApiCsrfSignsInAndAuthorizesTheSessionsCalls() throws Exception {
        MockHttpSession session = new MockHttpSession();
        JsonNode before = csrf(session);
        assertThat(before.path("header_name").asString()).isEqualTo("X-CSRF-TOKEN");
        mvc.perform(post("/login")
                        .session(session)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("username", USER)
                        .param("password", USER)
                        .param(
                                before.path("parameter_name").asString(),
                                before.path("token").asString()))
                .andExpect(authenticated().withUsername(USER));
        mvc.perform(post("/login")
                        .session(new MockHttpSession())
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("username", USER)
                        .param("password", USER))
                .andExpect(status().isForbidden());
        JsonNode after = csrf(session);
        mvc.perform(post("/api/tasks/preview")
                        .session(session)
                        .header(
                                after.path("header_name").asString(),
                                after.path("token").asString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Bodies.single("with token")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/tasks/preview")
                        .session(session)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Bodies.single("without token")))
                .andExpect(status().isForbidden());
    }

    private JsonNode csrf(MockHttpSession session) throws Exception {
        String answer = mvc.perform(get("/api/csrf").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonMapper.builder().build().readTree(answer);
    }
}
