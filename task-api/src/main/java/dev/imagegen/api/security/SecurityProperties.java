package dev.imagegen.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings ({@code imagegen.api.security.*}).
 *
 * @param adminUsername the first admin's user name (default admin)
 * @param adminPassword the first admin's password, from {@code IMAGEGEN_ADMIN_PASSWORD}; empty (the
 *     default) creates no admin: there is no fixed default password
 * @param demoUsers create manager, user1, user2 and guest with their names as passwords (default
 *     false; the local profile turns it on)
 * @param bcryptStrength cost of new password hashes (default 10)
 */
@ConfigurationProperties("imagegen.api.security")
record SecurityProperties(
        @DefaultValue("admin") String adminUsername,
        @DefaultValue("") String adminPassword,
        @DefaultValue("false") boolean demoUsers,
        @DefaultValue("10") int bcryptStrength) {}
