package dev.imagegen.api.user;

import dev.imagegen.api.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;

/** The rules of an account's fields, shared by creating and changing one. */
final class UserChecks {

    static final String USERNAME = "^[A-Za-z0-9_.-]{1,50}$";
    static final String USERNAME_RULE = "is required: 1 to 50 of A-Z a-z 0-9 _ . -";
    static final String ROLE = "^(admin|manager|user|guest)$";
    static final String ROLE_RULE = "must be one of [admin, manager, user, guest]";
    static final String SHARE_WEIGHT_RULE = "must be a number from 0.01 to 1000 with at most 2 decimals";
    static final int MIN_PASSWORD = 8;
    // bcrypt reads at most 72 bytes; a longer password would be silently cut.
    static final int MAX_PASSWORD_BYTES = 72;
    static final String PASSWORD_RULE = "must be at least 8 characters and at most 72 bytes";
    static final int MAX_DISPLAY_NAME = 100;
    static final String DISPLAY_NAME_RULE = "must be a string of at most 100 characters";

    private UserChecks() {}

    /** Characters are checked by the record; bytes only here, as a character may take up to four. */
    static void passwordBytes(String password) {
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw InvalidRequestException.of("$.password", PASSWORD_RULE);
        }
    }
}
