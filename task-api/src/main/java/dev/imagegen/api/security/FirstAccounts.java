package dev.imagegen.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from configuration ({@code IMAGEGEN_ADMIN_PASSWORD}) when that user does
 * not exist yet, and, in the local profile only, the demo accounts. Existing users are never changed.
 */
@Component
class FirstAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAccounts.class);

    private static final String CREATE_IF_ABSENT = """
            INSERT INTO users (username, display_name, hashed_password, role)
            VALUES (:username, :username, :hash, CAST(:role AS user_role))
            ON CONFLICT (username) DO NOTHING
            """;
    private static final String COUNT_ADMINS = "SELECT count(*) FROM users WHERE role = 'admin' AND is_active";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final SecurityProperties properties;

    FirstAccounts(JdbcClient jdbc, PasswordEncoder encoder, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.adminPassword().isBlank()) {
            create(properties.adminUsername(), properties.adminPassword(), "admin");
        }
        if (properties.demoUsers()) {
            for (String[] demo : new String[][] {
                {"admin", "admin"}, {"manager", "manager"}, {"user1", "user"}, {"user2", "user"}, {"guest", "guest"}
            }) {
                create(demo[0], demo[0], demo[1]);
            }
        }
        if (jdbc.sql(COUNT_ADMINS).query(Long.class).single() == 0) {
            log.warn("No active admin exists: set IMAGEGEN_ADMIN_PASSWORD to create '{}'", properties.adminUsername());
        }
    }

    private void create(String username, String password, String role) {
        int created = jdbc.sql(CREATE_IF_ABSENT)
                .param("username", username)
                .param("hash", encoder.encode(password))
                .param("role", role)
                .update();
        if (created > 0) {
            log.info("Created {} '{}'", role, username);
        }
    }
}
