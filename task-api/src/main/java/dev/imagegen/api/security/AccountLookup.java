package dev.imagegen.api.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Finds the signed-in person in the users table; an inactive user is found but disabled, and a
 * user name locked by repeated wrong passwords is found but locked.
 */
@Component
class AccountLookup implements UserDetailsService {

    private static final String FIND_USER = """
            SELECT id, username, hashed_password, role::text AS role, is_active
              FROM users WHERE username = :username
            """;

    private final JdbcClient jdbc;
    private final LoginLockout lockout;

    AccountLookup(JdbcClient jdbc, LoginLockout lockout) {
        this.jdbc = jdbc;
        this.lockout = lockout;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql(FIND_USER)
                .param("username", username)
                .query((rs, n) -> new Account(
                        rs.getInt("id"),
                        rs.getString("username"),
                        rs.getString("hashed_password"),
                        rs.getString("role"),
                        rs.getBoolean("is_active"),
                        lockout.isLocked(username)))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
