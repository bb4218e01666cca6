package dev.imagegen.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.imagegen.testservers.UsesRealServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/** The first admin comes from configuration; the demo accounts only when asked for (the local profile). */
@SpringBootTest(
        properties = {
            "imagegen.api.security.admin-password=first-admin-secret",
            "imagegen.api.security.demo-users=true",
            "imagegen.api.security.bcrypt-strength=4",
            "imagegen.maintenance.enabled=false"
        })
@AutoConfigureMockMvc
@UsesRealServers(kafka = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FirstAccountsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theConfiguredAdminSignsInWithTheConfiguredPasswordNotADefault() throws Exception {
        mvc.perform(get("/api/me").with(httpBasic("admin", "first-admin-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("admin"));
        mvc.perform(get("/api/me").with(httpBasic("admin", "admin"))).andExpect(status().isUnauthorized());
    }

    @Test
    void demoAccountsHaveTheirNamesAsPasswords() throws Exception {
        mvc.perform(get("/api/me").with(httpBasic("manager", "manager")))
                .andExpect(jsonPath("$.role").value("manager"));
        mvc.perform(get("/api/me").with(httpBasic("guest", "guest")))
                .andExpect(jsonPath("$.role").value("guest"));
        assertThat(jdbc.sql("SELECT username || ':' || role FROM users ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("admin:admin", "manager:manager", "user1:user", "user2:user", "guest:guest");
    }
}
