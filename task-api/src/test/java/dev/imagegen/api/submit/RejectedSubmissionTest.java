package dev.imagegen.api.submit;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ApiTest
class RejectedSubmissionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    ResultActions submit(String body) throws Exception {
        return mvc.perform(post("/api/tasks")
                .with(as(USER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    /** A task must say what to draw: without prompt text it would spend GPU time on noise. */
    @Test
    void aTaskWithoutPromptTextIsRefusedAtPrompts() throws Exception {
        for (String body : new String[] {
            "{\"name\": \"only a name\"}",
            "{\"name\": \"x\", \"prompts\": []}",
            "{\"name\": \"ratios only\", \"ratio\": {\"is_variable\": true, \"variable_id\": \"v0\"},"
                    + " \"variables\": {\"v0\": {\"type\": \"ratio\", \"values\": [\"1:1\", \"16:9\"]}}}"
        }) {
            submit(body)
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[*].path").value(containsInAnyOrder("$.prompts")));
        }
        mvc.perform(post("/api/tasks/preview")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"prompts\": []}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$.prompts"));
    }

    @Test
    void promptTextInATagVariableAloneIsEnough() throws Exception {
        mvc.perform(post("/api/tasks/preview")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "styles", "variables": {"v0": {"type": "prompt", "values": [
                                  {"type": "prompt", "value": "oil painting"}, {"value": "watercolor"}]}}}
                                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(2));
    }

    @AfterEach
    void nothingWasWritten() {
        for (String table : new String[] {"tasks", "subtasks", "queue_tasks", "task_logs"}) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table)
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
    }

    @Test
    void everyBadFieldIsListedWithItsJsonPath() throws Exception {
        submit("""
                {"name": "", "priority": 99, "make_api_queue": "prod", "colour": "red",
                 "prompts": [{"type": "sound", "value": ""}, {"type": "prompt", "value": "ok", "weight": "heavy"}],
                 "ratio": {"value": "5:7", "is_variable": false, "variable_id": null},
                 "seed": {"value": "lucky"},
                 "batch_size": {"value": 9},
                 "polish": {"value": "yes"},
                 "variables": {"v0": {"type": "prompt", "values": []},
                               "v9": {"type": "prompt", "values": [{"value": "x"}]},
                               "v1": {"type": "character", "values": [{"type": "element", "value": "x"}]}}}
                """)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.errors[*].path")
                        .value(containsInAnyOrder(
                                "$.colour",
                                "$.name",
                                "$.priority",
                                "$.make_api_queue",
                                "$.prompts[0].type",
                                "$.prompts[0].value",
                                "$.prompts[1].weight",
                                "$.variables.v0.values",
                                "$.variables.v9",
                                "$.variables.v1.values[0].type",
                                "$.ratio.value",
                                "$.seed.value",
                                "$.batch_size.value",
                                "$.polish.value")));
    }

    @Test
    void aProductOverTheLimitIsRefusedWithTheComputedCount() throws Exception {
        submit(Bodies.product("too many", 100, 100, 2))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.count").value(20000))
                .andExpect(jsonPath("$.errors[0].path").value("$.variables"))
                .andExpect(
                        jsonPath("$.errors[0].message").value("expands to 20000 subtasks; at most 10000 are allowed"));
    }

    @Test
    void aVariableWithMoreThanTheAllowedValuesIsRefused() throws Exception {
        submit(Bodies.product("wide", 101, 1))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path", hasItem("$.variables.v0.values")));
    }

    @Test
    void aSettingMustNameAVariableOfItsOwnType() throws Exception {
        submit("""
                {"name": "x", "ratio": {"is_variable": true, "variable_id": "v0"},
                 "batch_size": {"is_variable": true, "variable_id": "v3"},
                 "variables": {"v0": {"type": "prompt", "values": [{"value": "a"}]},
                               "v1": {"type": "seed", "values": [1, 2]}}}
                """)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].path")
                        .value(containsInAnyOrder(
                                "$.ratio.variable_id", "$.batch_size.variable_id", "$.variables.v1")));
    }

    @Test
    void unreadableJsonIsAProblemToo() throws Exception {
        submit("{\"name\": ")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].path").value("$"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() throws Exception {
        submit("[1, 2]")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$"));
    }

    @Test
    void previewCountsAndShowsTheFirstCombinationsWithoutWriting() throws Exception {
        mvc.perform(post("/api/tasks/preview")
                        .with(as(USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Bodies.product("preview", 30, 30)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(900))
                .andExpect(jsonPath("$.combinations.length()").value(20))
                .andExpect(jsonPath("$.combinations[19].variable_indices.v0").value(0))
                .andExpect(jsonPath("$.combinations[19].variable_indices.v1").value(19))
                .andExpect(jsonPath("$.combinations[0].prompts[1].value").value("style 0"));
    }
}
