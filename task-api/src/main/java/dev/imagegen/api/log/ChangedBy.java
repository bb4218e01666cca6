package dev.imagegen.api.log;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Names the signed-in user as the author of the current transaction's changes
 * ({@code imagegen.actor}), for the triggers that log them (a queue's limit or activity, V121; a user's share, V162).
 * Call it inside the transaction; the setting ends with it.
 */
public final class ChangedBy {

    private static final String SET_ACTOR = "SELECT set_config('imagegen.actor', :actor, true)";

    private ChangedBy() {}

    public static void signedInUser(JdbcClient jdbc) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        jdbc.sql(SET_ACTOR)
                .param("actor", user == null ? "" : user.getName())
                .query(String.class)
                .single();
    }
}
