package dev.imagegen.api.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The people of a test: one account per role, a second user, and an inactive user; password = name. */
@TestComponent
public class Accounts {

    public static final String ADMIN = "admin";
    public static final String MANAGER = "manager";
    public static final String USER = "user1";
    public static final String OTHER_USER = "user2";
    public static final String GUEST = "guest";
    public static final String INACTIVE = "inactive";

    private static final String CREATE = """
            INSERT INTO users (username, hashed_password, role, is_active)
            VALUES (:username, :hash, CAST(:role AS user_role), :active)
            ON CONFLICT (username) DO NOTHING
            """;

    private final JdbcClient jdbc;

    public Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
        String[][] people = {
            {ADMIN, "admin", "true"},
            {MANAGER, "manager", "true"},
            {USER, "user", "true"},
            {OTHER_USER, "user", "true"},
            {GUEST, "guest", "true"},
            {INACTIVE, "user", "false"}
        };
        for (String[] person : people) {
            jdbc.sql(CREATE)
                    .param("username", person[0])
                    .param("hash", encoder.encode(person[0]))
                    .param("role", person[1])
                    .param("active", Boolean.parseBoolean(person[2]))
                    .update();
        }
    }

    /** HTTP Basic credentials of {@code username} (the password is the name). */
    public static RequestPostProcessor as(String username) {
        return httpBasic(username, username);
    }

    /** A new task of {@code username}'s, written directly: no subtasks, no queue rows. */
    public UUID taskOf(String username, String name) {
        UUID task = UUID.randomUUID();
        jdbc.sql("INSERT INTO tasks (id, name, user_id) VALUES (:id, :name, :user)")
                .param("id", task)
                .param("name", name)
                .param("user", id(username))
                .update();
        return task;
    }

    public int id(String username) {
        return jdbc.sql("SELECT id FROM users WHERE username = :u")
                .param("u", username)
                .query(Integer.class)
                .single();
    }
}
