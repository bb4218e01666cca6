package dev.imagegen.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Repeated failed sign-ins ({@code imagegen.api.security.lockout.*}).
 *
 * @param maxFailures wrong passwords for one user name, within {@code window}, that lock it (default 5)
 * @param window how far back failures count (default 5m)
 * @param lockFor how long a locked user name is refused, even with the right password (default 5m)
 */
@ConfigurationProperties("imagegen.api.security.lockout")
record LockoutProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("5m") Duration window,
        @DefaultValue("5m") Duration lockFor) {}
