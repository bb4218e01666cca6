package dev.imagegen.api.security;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code maxFailures} wrong passwords for a user name within the
 * window, that name is refused for {@code lockFor}, right password or not. Kept per API instance,
 * so N instances allow at most N times the failures; a success clears the count.
 */
@Component
@EnableConfigurationProperties(LockoutProperties.class)
class LoginLockout {

    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);

    /** Guessing at many made-up names must not grow the map without bound. */
    private static final int MAX_TRACKED_NAMES = 10_000;

    private record Failures(int count, Instant firstAt, Instant lockedUntil) {}

    private final LockoutProperties properties;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginLockout(LockoutProperties properties) {
        this.properties = properties;
    }

    boolean isLocked(String username) {
        Failures current = failures.get(key(username));
        return current != null && current.lockedUntil() != null && Instant.now().isBefore(current.lockedUntil());
    }

    @EventListener
    void onWrongPassword(AuthenticationFailureBadCredentialsEvent event) {
        String username = event.getAuthentication().getName();
        Instant now = Instant.now();
        if (failures.size() >= MAX_TRACKED_NAMES) {
            failures.values()
                    .removeIf(old -> now.isAfter(old.firstAt().plus(properties.window()))
                            && (old.lockedUntil() == null || now.isAfter(old.lockedUntil())));
        }
        Failures after = failures.compute(key(username), (name, before) -> {
            if (before == null || now.isAfter(before.firstAt().plus(properties.window()))) {
                return new Failures(1, now, null);
            }
            int count = before.count() + 1;
            return new Failures(
                    count, before.firstAt(), count >= properties.maxFailures() ? now.plus(properties.lockFor()) : null);
        });
        if (after.lockedUntil() != null && after.count() == properties.maxFailures()) {
            // The name only: a password, right or wrong, never reaches a log.
            log.warn("Sign-in locked for {} after {} wrong passwords", username, after.count());
        }
    }

    @EventListener
    void onSignIn(AuthenticationSuccessEvent event) {
        failures.remove(key(event.getAuthentication().getName()));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
