package dev.imagegen.api.task;

import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Submit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.ObjectMapper;

/** Fuzzy search over task name and prompt text (pg_trgm), in Chinese and English. */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskSearchTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper mapper;

    @BeforeAll
    void submitTasks() throws Exception {
        Submit.task(mvc, USER, """
                {"name": "幻想风景生成任务", "prompts": [{"type": "prompt", "value": "雪山下的湖泊", "name": "山水"}]}
                """);
        Submit.task(mvc, USER, """
                {"name": "科幻人物生成任务", "prompts": [{"type": "character", "value": "机器人", "name": "角色"}],
                 "variables": {"v0": {"type": "element", "values": [{"value": "霓虹灯"}, {"value": "雨夜"}]}}}
                """);
        Submit.task(mvc, USER, """
                {"name": "Mountain landscape", "prompts": [{"type": "prompt", "value": "misty valley at sunrise"}]}
                """);
    }

    List<String> search(String q) throws Exception {
        String body = mvc.perform(get("/api/tasks").param("q", q).with(as(MANAGER)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> names = new ArrayList<>();
        mapper.readTree(body)
                .get("items")
                .forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    @Test
    void aChineseWordInTheNameFindsTheTask() throws Exception {
        assertThat(search("风景")).containsExactly("幻想风景生成任务");
        assertThat(search("生成任务")).containsExactlyInAnyOrder("幻想风景生成任务", "科幻人物生成任务");
    }

    @Test
    void chinesePromptTextAndVariableValuesAreSearchedToo() throws Exception {
        assertThat(search("雪山")).containsExactly("幻想风景生成任务");
        assertThat(search("霓虹")).containsExactly("科幻人物生成任务");
    }

    @Test
    void englishMatchesSubstringsCaseInsensitivelyAndToleratesATypo() throws Exception {
        assertThat(search("LANDSCAPE")).containsExactly("Mountain landscape");
        assertThat(search("misty vally")).containsExactly("Mountain landscape");
    }

    @Test
    void aTermFoundNowhereFindsNothing() throws Exception {
        assertThat(search("潜水艇")).isEmpty();
        assertThat(search("submarine")).isEmpty();
    }

    @Test
    void likeWildcardsInTheTermAreTakenLiterally() throws Exception {
        assertThat(search("%")).isEmpty();
    }
}
