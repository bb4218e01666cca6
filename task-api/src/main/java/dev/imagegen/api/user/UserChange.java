package dev.imagegen.api.user;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Optional;
import tools.jackson.databind.annotation.JsonDeserialize;

/** What an admin changes on an account; a field left out stays as it is. */
@Schema(description = "Changes to an account; a field left out stays as it is")
record UserChange(
        @Schema(
                allowableValues = {"admin", "manager", "user", "guest"},
                nullable = true,
                example = "manager")
        @Pattern(regexp = UserChecks.ROLE, message = UserChecks.ROLE_RULE)
        String role,

        @Schema(description = "false deactivates the account, true activates it again", nullable = true)
        Boolean isActive,

        @Schema(
                description = "The name shown instead of the username; null removes it, leaving it out keeps it",
                nullable = true,
                maxLength = UserChecks.MAX_DISPLAY_NAME,
                example = "Second User")
        @JsonDeserialize(using = ExplicitNull.class)
        Optional<@Size(max = UserChecks.MAX_DISPLAY_NAME, message = UserChecks.DISPLAY_NAME_RULE) String> displayName,

        @Schema(description = "A new password; 8 characters to 72 bytes (UTF-8)", nullable = true, format = "password")
        @Size(min = UserChecks.MIN_PASSWORD, max = UserChecks.MAX_PASSWORD_BYTES, message = UserChecks.PASSWORD_RULE)
        String password,

        @Schema(
                description = "The user's share of each queue's starts against other users with waiting work: 2 gets"
                        + " twice the turns of 1; from 0.01 to 1000 (default 1); applies at the next admission",
                nullable = true,
                example = "2")
        @DecimalMin(value = "0.01", message = UserChecks.SHARE_WEIGHT_RULE)
        @DecimalMax(value = "1000", message = UserChecks.SHARE_WEIGHT_RULE)
        @Digits(integer = 4, fraction = 2, message = UserChecks.SHARE_WEIGHT_RULE)
        BigDecimal shareWeight) {}
