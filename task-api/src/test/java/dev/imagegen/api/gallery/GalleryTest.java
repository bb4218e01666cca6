package dev.imagegen.api.gallery;

import static dev.imagegen.api.support.Accounts.ADMIN;
import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.MANAGER;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.api.support.ApiTest;
import dev.imagegen.api.support.Bodies;
import dev.imagegen.api.support.Submit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

@ApiTest
class GalleryTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    GalleryCalls calls;
    UUID privateTask;
    UUID sharedTask;
    List<UUID> privateArt;
    List<UUID> sharedArt;

    @BeforeEach
    void oneUserHasAPrivateAndASharedTaskWithCompletedWork() throws Exception {
        jdbc.sql("DELETE FROM tasks").update();
        calls = new GalleryCalls(mvc, jdbc);
        privateTask = Submit.task(mvc, USER, Bodies.twoByThree("private work"));
        sharedTask = Submit.task(mvc, USER, Bodies.single("shared work"));
        privateArt = calls.complete(privateTask);
        sharedArt = calls.complete(sharedTask);
        assertThat(calls.share(sharedTask, "shared", USER)).isEqualTo(200);
    }

    @Test
    void aPrivateTasksArtworksNeverAppearToAnotherUserWhileASharedTasksDo() throws Exception {
        assertThat(calls.ids("", OTHER_USER)).containsExactlyInAnyOrderElementsOf(sharedArt);
        assertThat(calls.ids("?q=private", OTHER_USER)).isEmpty();
        assertThat(calls.ids("?user=" + USER, OTHER_USER)).containsExactlyInAnyOrderElementsOf(sharedArt);

        List<UUID> all = new ArrayList<>(privateArt);
        all.addAll(sharedArt);
        assertThat(calls.ids("", USER)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(calls.ids("", MANAGER)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(calls.ids("", ADMIN)).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void guestsSeeOnlySharedWork() throws Exception {
        assertThat(calls.ids("", GUEST)).containsExactlyInAnyOrderElementsOf(sharedArt);
        assertThat(calls.share(sharedTask, "private", USER)).isEqualTo(200);
        assertThat(calls.ids("", GUEST)).isEmpty();
        assertThat(calls.ids("", OTHER_USER)).isEmpty();
    }

    @Test
    void onlyTheOwnerOrStaffShareATask() throws Exception {
        assertThat(calls.share(privateTask, "shared", OTHER_USER)).isEqualTo(404);
        assertThat(calls.share(privateTask, "shared", GUEST)).isEqualTo(403);
        assertThat(calls.share(privateTask, "public", USER)).isEqualTo(400);
        assertThat(calls.ids("", OTHER_USER)).containsExactlyInAnyOrderElementsOf(sharedArt);
    }

    @Test
    void aLikeOnAnArtworkYouCannotSeeAnswers404AndCountsNothing() throws Exception {
        UUID hidden = privateArt.getFirst();
        assertThat(calls.like(HttpMethod.PUT, hidden, OTHER_USER)).isEqualTo(404);
        assertThat(calls.like(HttpMethod.DELETE, hidden, OTHER_USER)).isEqualTo(404);
        assertThat(calls.like(HttpMethod.PUT, UUID.randomUUID(), OTHER_USER)).isEqualTo(404);
        assertThat(calls.like(HttpMethod.PUT, sharedArt.getFirst(), GUEST)).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM artwork_likes")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void likingAndUnlikingAreIdempotentAndTheItemShowsTheCountAndMyLike() throws Exception {
        UUID art = sharedArt.getFirst();
        assertThat(calls.like(HttpMethod.PUT, art, OTHER_USER)).isEqualTo(200);
        assertThat(calls.like(HttpMethod.PUT, art, OTHER_USER)).isEqualTo(200);
        assertThat(calls.like(HttpMethod.PUT, art, USER)).isEqualTo(200);

        JsonNode item = calls.page("", OTHER_USER).get("items").get(0);
        assertThat(item.get("subtask_id").asString()).isEqualTo(art.toString());
        assertThat(item.get("like_count").asInt()).isEqualTo(2);
        assertThat(item.get("liked_by_me").asBoolean()).isTrue();
        assertThat(item.get("task_name").asString()).isEqualTo("shared work");
        assertThat(item.get("username").asString()).isEqualTo(USER);
        assertThat(item.get("image_count").asInt()).isEqualTo(1);
        assertThat(item.get("images").get(0).asString()).startsWith("/images/" + sharedTask);
        assertThat(item.get("tags").get(0).get("name").asString()).isEqualTo("a red bicycle");

        assertThat(calls.like(HttpMethod.DELETE, art, OTHER_USER)).isEqualTo(200);
        assertThat(calls.like(HttpMethod.DELETE, art, OTHER_USER)).isEqualTo(200);
        JsonNode after = calls.page("", OTHER_USER).get("items").get(0);
        assertThat(after.get("like_count").asInt()).isEqualTo(1);
        assertThat(after.get("liked_by_me").asBoolean()).isFalse();
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeatsInBothSorts() throws Exception {
        calls.share(privateTask, "shared", USER);
        calls.like(HttpMethod.PUT, privateArt.get(3), OTHER_USER);
        calls.like(HttpMethod.PUT, privateArt.get(3), USER);
        calls.like(HttpMethod.PUT, privateArt.get(5), USER);
        for (String sort : List.of("newest", "likes")) {
            List<UUID> seen = new ArrayList<>();
            String next = null;
            do {
                JsonNode page =
                        calls.page("?sort=" + sort + "&limit=3" + (next == null ? "" : "&after=" + next), OTHER_USER);
                page.get("items")
                        .forEach(item ->
                                seen.add(UUID.fromString(item.get("subtask_id").asString())));
                next = page.get("next").isNull() ? null : page.get("next").asString();
            } while (next != null);
            assertThat(seen).as(sort).hasSize(10).doesNotHaveDuplicates();
            if (sort.equals("likes")) {
                assertThat(seen.subList(0, 2)).containsExactly(privateArt.get(3), privateArt.get(5));
            }
        }
    }

    @Test
    void theGalleryFiltersByTagAndByGoodRating() throws Exception {
        UUID lake = UUID.fromString(jdbc.sql("SELECT uuid::text FROM tags WHERE name = 'lake'")
                .query(String.class)
                .single());
        UUID fox = UUID.fromString(jdbc.sql("SELECT uuid::text FROM tags WHERE value = 'fox'")
                .query(String.class)
                .single());
        assertThat(calls.ids("?tag=" + lake, USER)).containsExactlyInAnyOrderElementsOf(privateArt);
        assertThat(calls.ids("?tag=" + fox, USER)).hasSize(3);
        assertThat(calls.ids("?tag=" + fox, OTHER_USER)).isEmpty();

        jdbc.sql("UPDATE subtasks SET rating = 'good' WHERE task_id = ? AND id = ?")
                .params(privateTask, privateArt.get(2))
                .update();
        assertThat(calls.ids("?rating=good", USER)).containsExactly(privateArt.get(2));
    }

    @Test
    void searchFindsArtworksByTaskNameEvaluationAndUserNameWithTypos() throws Exception {
        jdbc.sql("UPDATE subtasks SET evaluation = 'luminous harbour' WHERE task_id = ? AND id = ?")
                .params(sharedTask, sharedArt.getFirst())
                .update();
        assertThat(calls.ids("?q=harbour", OTHER_USER)).containsExactly(sharedArt.getFirst());
        assertThat(calls.ids("?q=shared%20wrk", OTHER_USER)).containsExactlyInAnyOrderElementsOf(sharedArt);
        assertThat(calls.ids("?q=user1", OTHER_USER)).containsExactlyInAnyOrderElementsOf(sharedArt);
        assertThat(calls.ids("?q=nothing-like-it", OTHER_USER)).isEmpty();
    }

    @Test
    void theAdminConsistencyEndpointFindsAndRepairsGalleryDrift() throws Exception {
        jdbc.sql("UPDATE artworks SET like_count = 7 WHERE subtask_id = ?")
                .param(sharedArt.getFirst())
                .update();
        JsonNode found = calls.consistency(false);
        assertThat(found.get("gallery").size()).isEqualTo(1);
        assertThat(found.get("gallery").get(0).get("record_id").asString())
                .isEqualTo(sharedArt.getFirst().toString());
        assertThat(found.get("gallery").get(0).get("expected").asInt()).isZero();
        assertThat(calls.consistency(true).get("gallery").size()).isEqualTo(1);
        assertThat(calls.consistency(false).get("gallery").size()).isZero();
    }

    @Test
    void badGalleryParametersAreEachNamed() throws Exception {
        var answer = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                "/api/gallery?sort=best&rating=poor&limit=0&after=nope")
                        .with(dev.imagegen.api.support.Accounts.as(USER)))
                .andReturn()
                .getResponse();
        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getContentType()).startsWith("application/problem+json");
        assertThat(answer.getContentAsString()).contains("sort", "rating", "limit", "after");
    }
}
