package dev.imagegen.api.security;

import java.io.Serial;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in person from the users table: id and role decide which tasks they see and may change. */
public final class Account extends User {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int id;
    private final String role;

    Account(int id, String username, String hashedPassword, String role, boolean active, boolean locked) {
        super(
                username,
                hashedPassword,
                active,
                true,
                true,
                !locked,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(java.util.Locale.ROOT))));
        this.id = id;
        this.role = role;
    }

    public int id() {
        return id;
    }

    public String role() {
        return role;
    }

    /** Admins and managers read every task; everyone else reads shared tasks and (users) their own. */
    public boolean seesAllTasks() {
        return actsOnAllTasks();
    }

    /** Whether tasks owned by this account count as theirs: a guest owns nothing and reads shared work only. */
    public boolean ownsTasks() {
        return !role.equals("guest");
    }

    /** Admins and managers act on every task; users on their own; guests on none. */
    public boolean actsOnAllTasks() {
        return role.equals("admin") || role.equals("manager");
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
