package dev.imagegen.api.security;

import static dev.imagegen.api.support.Accounts.GUEST;
import static dev.imagegen.api.support.Accounts.OTHER_USER;
import static dev.imagegen.api.support.Accounts.USER;
import static dev.imagegen.api.support.Accounts.as;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.api.support.ApiTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@ApiTest
@TestPropertySource(
        properties = {"imagegen.api.security.lockout.max-failures=3", "imagegen.api.security.lockout.lock-for=2s"})
class LoginLockoutTest {

    @Autowired
    MockMvc mvc;

    void wrongPassword(String username) throws Exception {
        mvc.perform(get("/api/me").with(httpBasic(username, "not-" + username))).andExpect(status().isUnauthorized());
    }

    @Test
    void repeatedWrongPasswordsLockTheNameForAWhileEvenWithTheRightOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            wrongPassword(OTHER_USER);
        }

        mvc.perform(get("/api/me").with(as(OTHER_USER))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").with(as(USER))).andExpect(status().isOk());

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(
                        () -> mvc.perform(get("/api/me").with(as(OTHER_USER))).andExpect(status().isOk()));
    }

    @Test
    void wrongPasswordsOnTheSignInFormLockTheNameForTheFormAndBasicAlike() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(post("/login").with(csrf()).param("username", GUEST).param("password", "not-" + GUEST))
                    .andExpect(unauthenticated());
        }

        mvc.perform(post("/login").with(csrf()).param("username", GUEST).param("password", GUEST))
                .andExpect(unauthenticated());
        mvc.perform(get("/api/me").with(as(GUEST))).andExpect(status().isUnauthorized());
    }

    @Test
    void aSuccessfulSignInClearsEarlierFailures() throws Exception {
        for (int round = 0; round < 3; round++) {
            wrongPassword(USER);
            wrongPassword(USER);
            mvc.perform(get("/api/me").with(as(USER))).andExpect(status().isOk());
        }
    }
}
