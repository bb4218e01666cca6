package dev.imagegen.api.fuzz;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Requests that once failed with a 500; each is now refused with a problem naming what is wrong. */
@ApiTest
class FoundByFuzzingTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aNulCharacterInAQueryParameterIsABadField() throws Exception {
        for (String parameter : new String[] {"q", "user"}) {
            mvc.perform(get("/api/tasks").param(parameter, "a\u0000b").with(as(USER)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].path").value(parameter))
                    .andExpect(jsonPath("$.errors[0].message").value("must not contain the NUL character (\\u0000)"));
        }
        mvc.perform(get("/api/system-logs").param("component", "\u0000").with(as(ADMIN)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("component"));
    }

    @Test
    void aNulCharacterInABodyIsNamedByItsJsonPath() throws Exception {
        mvc.perform(post("/api/tasks/preview")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"prompts\": [{\"type\": \"prompt\", \"value\": \"a\\u0000\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$.prompts[0].value"));
        mvc.perform(put("/api/tasks/" + UUID.randomUUID() + "/subtasks/" + UUID.randomUUID() + "/rating")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\": \"good\", \"evaluation\": \"\\u0000\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$.evaluation"));
    }

    @Test
    void aVariableWithoutATypeIsABadFieldNotAFailure() throws Exception {
        mvc.perform(post("/api/tasks/preview")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"variables\": {\"v0\": {\"values\": [{\"value\": \"a\"}]}}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path").value(org.hamcrest.Matchers.hasItem("$.variables.v0.type")));
    }

    @Test
    void aNumberTooLargeForADoubleIsOutOfRangeNotAFailure() throws Exception {
        String huge = "1" + "0".repeat(400);
        mvc.perform(post("/api/tasks/preview")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"prompts\": [{\"type\": \"prompt\", \"value\": \"a\", \"weight\": "
                                + huge + "}], \"parameters\": {\"cfg_scale\": " + huge + "}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path")
                        .value(org.hamcrest.Matchers.hasItems("$.prompts[0].weight", "$.parameters.cfg_scale")));
    }

    @Test
    void anExponentPastADoublesRangeIsOutOfRangeNotAFailure() throws Exception {
        mvc.perform(post("/api/tasks/preview")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"name\": \"x\", \"prompts\": [{\"type\": \"prompt\", \"value\": \"a\", \"weight\": 1e309}],"
                                        + " \"parameters\": {\"cfg_scale\": -1e309}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path")
                        .value(org.hamcrest.Matchers.hasItems("$.prompts[0].weight", "$.parameters.cfg_scale")));
    }

    @Test
    void aMalformedFormBodyIsAnUnsupportedTypeNotAFailure() throws Exception {
        mvc.perform(patch("/api/queues/1")
                        .with(as(ADMIN))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(new byte[] {'a', '=', '%', (byte) 0xC0, (byte) 0xFF}))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/tasks")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("{\n\"name\": 1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aPathTheFirewallRefusesIsAProblemToo() throws Exception {
        mvc.perform(get(URI.create("/api/tasks/" + UUID.randomUUID() + "/subtasks/.."))
                        .with(as(USER)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
    }
}
