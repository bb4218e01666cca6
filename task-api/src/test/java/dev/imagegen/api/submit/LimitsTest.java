package dev.imagegen.api.submit;

import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** GET /api/limits answers the limits the checks apply, configuration included, so a form never offers more. */
@ApiTest
@TestPropertySource(
        properties = {
            "imagegen.api.limits.ratios=1:1,4:3",
            "imagegen.api.limits.max-batch-size=3",
            "imagegen.api.limits.max-variables=4"
        })
class LimitsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theLimitsAreTheConfiguredOnesTheSubmissionEnforces() throws Exception {
        mvc.perform(get("/api/limits").with(as(GUEST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ratios").value(contains("1:1", "4:3")))
                .andExpect(jsonPath("$.batch_sizes").value(contains(1, 2, 3)))
                .andExpect(jsonPath("$.max_variables").value(4))
                .andExpect(jsonPath("$.max_values_per_variable").value(100))
                .andExpect(jsonPath("$.max_subtasks_per_task").value(10000));
        mvc.perform(post("/api/tasks/preview")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "wide", "prompts": [{"type": "prompt", "value": "a beach"}],
                                 "ratio": {"value": "16:9"}, "batch_size": {"value": 4}}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path").value(contains("$.ratio.value", "$.batch_size.value")));
    }
}
