package dev.imagegen.api.user;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The account an admin creates. */
@Schema(description = "A new account")
record NewUser(
        @Schema(description = "Unique; 1 to 50 of A-Z a-z 0-9 _ . -", example = "painter")
        @NotNull(message = UserChecks.USERNAME_RULE)
        @Pattern(regexp = UserChecks.USERNAME, message = UserChecks.USERNAME_RULE)
        String username,

        @Schema(
                description = "Stored as a bcrypt hash; 8 characters to 72 bytes (UTF-8)",
                format = "password",
                example = "brush-and-ink")
        @NotNull(message = UserChecks.PASSWORD_RULE)
        @Size(min = UserChecks.MIN_PASSWORD, max = UserChecks.MAX_PASSWORD_BYTES, message = UserChecks.PASSWORD_RULE)
        String password,

        @Schema(
                allowableValues = {"admin", "manager", "user", "guest"},
                example = "user")
        @NotNull(message = UserChecks.ROLE_RULE)
        @Pattern(regexp = UserChecks.ROLE, message = UserChecks.ROLE_RULE)
        String role,

        @Schema(description = "The name shown instead of the username", nullable = true, example = "画家")
        @Size(max = UserChecks.MAX_DISPLAY_NAME, message = UserChecks.DISPLAY_NAME_RULE)
        String displayName) {}
