package dev.imagegen.api.user;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** A user as admins see it: never a password hash. */
@Schema(description = "A user account (its password is never shown)")
record UserView(
        @Schema(example = "7") int id,
        @Schema(example = "painter") String username,

        @Schema(description = "The name shown instead of the username", nullable = true, example = "画家")
        String displayName,

        @Schema(
                allowableValues = {"admin", "manager", "user", "guest"},
                example = "user")
        String role,

        @Schema(description = "False when deactivated: the account cannot sign in")
        boolean isActive,

        @Schema(
                description = "The user's share of a queue's starts against other users with waiting work",
                example = "1")
        BigDecimal shareWeight,

        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static final String COLUMNS =
            "u.id, u.username, u.display_name, u.role::text AS role, u.is_active, u.share_weight, u.created_at,"
                    + " u.updated_at";

    static UserView read(ResultSet rs, int row) throws SQLException {
        return new UserView(
                rs.getInt("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("role"),
                rs.getBoolean("is_active"),
                rs.getBigDecimal("share_weight"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
