package dev.imagegen.api.user;

import dev.imagegen.api.log.ChangedBy;
import dev.imagegen.api.problem.ConflictException;
import dev.imagegen.api.problem.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users, for admins: list, create (bcrypt), change role, name or password, deactivate. */
@RestController
@RequestMapping("/api/users")
@Tag(name = "users", description = "Accounts (admins)")
class UserAdminController {

    private static final String SELECT_USERS = "SELECT " + UserView.COLUMNS + " FROM users u ORDER BY u.id";
    private static final String SELECT_USER = "SELECT " + UserView.COLUMNS + " FROM users u WHERE u.id = :id";
    private static final String INSERT_USER = """
            INSERT INTO users (username, display_name, hashed_password, role)
            VALUES (:username, :displayName, :hash, CAST(:role AS user_role))
            ON CONFLICT (username) DO NOTHING
            RETURNING id
            """;
    private static final String UPDATE_USER = """
            UPDATE users
               SET role = coalesce(CAST(:role AS user_role), role),
                   is_active = coalesce(CAST(:active AS boolean), is_active),
                   display_name = CASE WHEN :setDisplayName THEN :displayName ELSE display_name END,
                   hashed_password = coalesce(:hash, hashed_password),
                   share_weight = coalesce(CAST(:weight AS numeric), share_weight)
             WHERE id = :id
            """;
    private static final String COUNT_ACTIVE_ADMINS = "SELECT count(*) FROM users WHERE role = 'admin' AND is_active";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    UserAdminController(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    @GetMapping
    @Operation(operationId = "listUsers", summary = "Every user, by id (never a password hash)")
    List<UserView> users() {
        return jdbc.sql(SELECT_USERS).query(UserView::read).list();
    }

    @PostMapping
    @Operation(
            operationId = "createUser",
            summary = "Create a user: username, password (stored as bcrypt), role, display_name",
            responses =
                    @ApiResponse(
                            responseCode = "201",
                            description = "Created; Location names the new user",
                            headers = @Header(name = "Location", schema = @Schema(type = "string", format = "uri")),
                            content = @Content(schema = @Schema(implementation = UserView.class))))
    ResponseEntity<UserView> create(@Valid @RequestBody NewUser body) {
        UserChecks.passwordBytes(body.password());
        Integer id = jdbc.sql(INSERT_USER)
                .param("username", body.username())
                .param("displayName", body.displayName())
                .param("hash", encoder.encode(body.password()))
                .param("role", body.role())
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new ConflictException("the username is taken"));
        return ResponseEntity.created(URI.create("/api/users/" + id)).body(user(id));
    }

    @PatchMapping("/{id}")
    @Transactional
    @Operation(
            operationId = "changeUser",
            summary = "Change role, is_active (deactivate), display_name, password or share_weight; the last active"
                    + " admin cannot be demoted or deactivated")
    UserView change(@PathVariable int id, @Valid @RequestBody UserChange body) {
        UserChecks.passwordBytes(body.password());
        ChangedBy.signedInUser(jdbc);
        int changed = jdbc.sql(UPDATE_USER)
                .param("id", id)
                .param("role", body.role())
                .param("active", body.isActive())
                .param("setDisplayName", body.displayName() != null)
                .param(
                        "displayName",
                        body.displayName() == null ? null : body.displayName().orElse(null))
                .param("hash", body.password() == null ? null : encoder.encode(body.password()))
                .param("weight", body.shareWeight())
                .update();
        if (changed == 0) {
            throw new NotFoundException("user " + id);
        }
        if (jdbc.sql(COUNT_ACTIVE_ADMINS).query(Long.class).single() == 0) {
            // Thrown inside the transaction, so the change is rolled back.
            throw new ConflictException("the last active admin cannot be demoted or deactivated");
        }
        return user(id);
    }

    private UserView user(int id) {
        return jdbc.sql(SELECT_USER).param("id", id).query(UserView::read).single();
    }
}
