package dev.imagegen.api.submit;

import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.ObjectMapper;

@ApiTest
class SubmitParametersTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    ResultActions submit(String body) throws Exception {
        return mvc.perform(post("/api/tasks")
                .with(as(USER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    void endpoint(String name, String type, String supported) {
        jdbc.sql("""
                INSERT INTO backend_endpoints (name, backend_type, supported_parameters)
                VALUES (?, ?, CAST(? AS jsonb))
                """).params(name, type, supported).update();
    }

    @AfterEach
    void forgetEndpoints() {
        jdbc.sql("DELETE FROM backend_endpoints").update();
    }

    @Test
    void aParameterVariableGivesEachSubtaskItsValueBesideTheFixedOnes() throws Exception {
        endpoint("default", "a1111", "[\"steps\", \"cfg_scale\", \"negative_prompt\"]");

        String answer = submit("""
                        {"name": "xy grid", "prompts": [{"type": "prompt", "value": "a fox"}],
                         "parameters": {"steps": {"is_variable": true, "variable_id": "v0"},
                                        "cfg_scale": 6.5, "negative_prompt": {"value": "blurry"}},
                         "variables": {"v0": {"type": "steps", "values": [20, 30, 40]}}}
                        """)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        UUID task = UUID.fromString(mapper.readTree(answer).get("id").asString());

        assertThat(mapper.readTree(jdbc.sql("SELECT parameters::text FROM tasks WHERE id = ?")
                        .param(task)
                        .query(String.class)
                        .single()))
                .isEqualTo(mapper.readTree("""
                        {"cfg_scale": 6.5, "negative_prompt": "blurry",
                         "steps": {"is_variable": true, "variable_id": "v0"}}
                        """));
        assertThat(jdbc.sql("""
                        SELECT (parameters->>'steps') || ' ' || (parameters->>'cfg_scale') || ' '
                               || (parameters->>'negative_prompt')
                          FROM subtasks WHERE task_id = ? ORDER BY (variable_indices->>'v0')::int
                        """).param(task).query(String.class).list())
                .containsExactly("20 6.5 blurry", "30 6.5 blurry", "40 6.5 blurry");
    }

    @Test
    void aParameterTheTasksEndpointCannotSendIsRefusedNamingTheField() throws Exception {
        endpoint("default", "openai", "[\"quality\", \"background\", \"moderation\"]");
        endpoint("ops", "a1111", "[\"steps\"]");

        submit("""
                        {"name": "steps on openai", "prompts": [{"type": "prompt", "value": "a lighthouse"}], "parameters": {"steps": 30, "quality": "high"}}
                        """)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].path").value(containsInAnyOrder("$.parameters.steps")))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("endpoint default (openai)")));
        submit("""
                        {"name": "steps on ops", "prompts": [{"type": "prompt", "value": "a lighthouse"}], "make_api_queue": "ops", "parameters": {"steps": 30}}
                        """).andExpect(status().isCreated());
        assertThat(jdbc.sql("SELECT name FROM tasks WHERE name LIKE 'steps on %'")
                        .query(String.class)
                        .list())
                .containsExactly("steps on ops");
    }

    @Test
    void badParameterValuesAreRefusedWithTheirPaths() throws Exception {
        submit("""
                        {"name": "bad", "prompts": [{"type": "prompt", "value": "a lighthouse"}], "parameters": {"steps": 0, "cfg_scale": "high", "loras": ["x"],
                                                       "quality": "ultra", "enable_hr": "yes",
                                                       "cfg_scale_typo": 1,
                                                       "sampler": {"is_variable": true, "variable_id": "v0"}},
                         "variables": {"v0": {"type": "steps", "values": [20, "many"]},
                                       "v1": {"type": "denoising_strength", "values": [0.5, 2]}}}
                        """)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].path")
                        .value(containsInAnyOrder(
                                "$.parameters.steps",
                                "$.parameters.cfg_scale",
                                "$.parameters.loras",
                                "$.parameters.quality",
                                "$.parameters.enable_hr",
                                "$.parameters.cfg_scale_typo",
                                "$.parameters.sampler.variable_id",
                                "$.variables.v0",
                                "$.variables.v0.values[1]",
                                "$.variables.v1",
                                "$.variables.v1.values[1]")));
        submit("{\"name\": \"not an object\", \"prompts\": [{\"type\": \"prompt\", \"value\": \"a\"}],"
                        + " \"parameters\": [1]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("$.parameters"));
        assertThat(jdbc.sql("SELECT count(*) FROM tasks WHERE name IN ('bad', 'not an object')")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
