package dev.imagegen.api.problem;

import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.imagegen.api.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** problem+json answers follow Accept-Language: Simplified Chinese for zh-CN (and zh), English otherwise. */
@ApiTest
class ProblemLanguageTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BAD_TASK = """
            {"name": "", "priority": 99, "make_api_queue": "prod",
             "prompts": [{"type": "prompt", "value": "", "weight": 50}],
             "batch_size": {"value": 20, "is_variable": false, "variable_id": null},
             "ratio": {"value": "5:7", "is_variable": false, "variable_id": null}}
            """;

    @Autowired
    MockMvc mvc;

    JsonNode answer(MockHttpServletRequestBuilder request) throws Exception {
        return JSON.readTree(mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    static MockHttpServletRequestBuilder badTask(String language) {
        MockHttpServletRequestBuilder request = post("/api/tasks")
                .with(as(USER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(BAD_TASK);
        return language == null ? request : request.header("Accept-Language", language);
    }

    static List<String> messages(JsonNode problem) {
        List<String> messages = new ArrayList<>();
        problem.get("errors").forEach(error -> messages.add(error.get("message").asString()));
        return messages;
    }

    @Test
    void aChineseRequestGetsAChineseDetailAndFieldMessages() throws Exception {
        JsonNode problem = answer(badTask("zh-CN,zh;q=0.9,en;q=0.8"));

        int fields = problem.get("errors").size();
        assertThat(fields).isGreaterThanOrEqualTo(6);
        assertThat(problem.get("detail").asString()).isEqualTo("请求中有 " + fields + " 个字段无效；未写入任何内容。");
        assertThat(problem.get("title").asString()).isEqualTo("请求无效");
        assertThat(messages(problem))
                .allSatisfy(message -> assertThat(message)
                        .containsPattern("\\p{IsHan}")
                        .doesNotContain("must ")
                        .doesNotContain("is required"));
        assertThat(messages(problem)).contains("必填：非空字符串", "必须是 1 到 10 之间的整数");
    }

    @Test
    void anEnglishRequestAndOneWithoutALanguageGetTheEnglishTexts() throws Exception {
        for (String language : new String[] {"en-US,en;q=0.9", null, "fr-FR"}) {
            JsonNode problem = answer(badTask(language));

            int fields = problem.get("errors").size();
            assertThat(problem.get("detail").asString())
                    .isEqualTo("The request has " + fields + " invalid field(s); nothing was written.");
            assertThat(messages(problem))
                    .contains("is required: a non-blank string", "must be an integer between 1 and 10");
        }
    }

    @Test
    void notFoundConflictAndSignInRefusalsAreTranslatedToo() throws Exception {
        UUID missing = UUID.randomUUID();
        JsonNode notFound = answer(get("/api/tasks/" + missing).with(as(USER)).header("Accept-Language", "zh-CN"));
        assertThat(notFound.get("detail").asString()).isEqualTo("任务 " + missing + " 不存在");

        JsonNode unauthorized = answer(get("/api/tasks").header("Accept-Language", "zh"));
        assertThat(unauthorized.get("detail").asString()).isEqualTo("请使用有效账户登录（HTTP Basic 或登录表单）。");

        JsonNode forbidden = answer(post("/api/tasks")
                .with(as(GUEST))
                .header("Accept-Language", "zh-CN")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"));
        assertThat(forbidden.get("detail").asString()).isEqualTo("您的角色无权执行此操作。");

        JsonNode english = answer(get("/api/tasks/" + missing).with(as(USER)).header("Accept-Language", "en"));
        assertThat(english.get("detail").asString()).isEqualTo("task " + missing + " not found");
    }
}
