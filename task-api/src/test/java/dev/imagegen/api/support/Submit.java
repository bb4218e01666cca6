package dev.imagegen.api.support;

import static dev.imagegen.api.support.Accounts.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Submits a task through the API and answers its id. */
public final class Submit {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Submit() {}

    public static UUID task(MockMvc mvc, String username, String body) throws Exception {
        String answer = mvc.perform(post("/api/tasks")
                        .with(as(username))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return UUID.fromString(MAPPER.readTree(answer).get("id").asString());
    }
}
