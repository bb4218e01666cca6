package dev.imagegen.api.user;

import dev.imagegen.api.problem.ConflictException;
import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import dev.imagegen.api.problem.NotFoundException;
import dev.imagegen.api.problem.StorableText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Users, for admins: list, create (bcrypt), change role, name or password, deactivate. */
@RestController
@RequestMapping("/api/users")
@Tag(name = "users")
class UserAdminController {

    private static final String USER_COLUMNS =
            "u.id, u.username, u.display_name, u.role, u.is_active, u.created_at," + " u.updated_at";
    private static final String SELECT_USERS =
            "SELECT coalesce(jsonb_agg(to_jsonb(d) ORDER BY d.id), '[]'::jsonb)::text" + " FROM (SELECT " + USER_COLUMNS
                    + " FROM users u) d";
    private static final String SELECT_USER =
            "SELECT to_jsonb(d)::text FROM (SELECT " + USER_COLUMNS + " FROM users u WHERE u.id = :id) d";
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
                   hashed_password = coalesce(:hash, hashed_password)
             WHERE id = :id
            """;
    private static final String COUNT_ACTIVE_ADMINS = "SELECT count(*) FROM users WHERE role = 'admin' AND is_active";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final ObjectMapper mapper;

    UserAdminController(JdbcClient jdbc, PasswordEncoder encoder, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(summary = "Every user (never a password hash)")
    JsonNode users() {
        return mapper.readTree(jdbc.sql(SELECT_USERS).query(String.class).single());
    }

    @PostMapping
    @Operation(summary = "Create a user: username, password (stored as bcrypt), role, display_name")
    ResponseEntity<JsonNode> create(@RequestBody JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        UserChecks.username(body.get("username"), problems);
        UserChecks.password(body.get("password"), true, problems);
        UserChecks.role(body.get("role"), true, problems);
        UserChecks.displayName(body.get("display_name"), problems);
        StorableText.checkTree(body, "$", problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Integer id = jdbc.sql(INSERT_USER)
                .param("username", body.get("username").stringValue())
                .param("displayName", UserChecks.text(body.get("display_name")))
                .param("hash", encoder.encode(body.get("password").stringValue()))
                .param("role", body.get("role").stringValue())
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new ConflictException("the username is taken"));
        return ResponseEntity.created(URI.create("/api/users/" + id)).body(user(id));
    }

    @PatchMapping("/{id}")
    @Transactional
    @Operation(summary = "Change role, is_active (deactivate), display_name or password")
    JsonNode change(@PathVariable int id, @RequestBody JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        UserChecks.role(body.get("role"), false, problems);
        UserChecks.active(body.get("is_active"), problems);
        UserChecks.displayName(body.get("display_name"), problems);
        UserChecks.password(body.get("password"), false, problems);
        StorableText.checkTree(body, "$", problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        int changed = jdbc.sql(UPDATE_USER)
                .param("id", id)
                .param("role", UserChecks.text(body.get("role")))
                .param("active", body.has("is_active") ? body.get("is_active").booleanValue() : null)
                .param("setDisplayName", body.has("display_name"))
                .param("displayName", UserChecks.text(body.get("display_name")))
                .param(
                        "hash",
                        body.has("password")
                                ? encoder.encode(body.get("password").stringValue())
                                : null)
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

    private JsonNode user(int id) {
        return mapper.readTree(
                jdbc.sql(SELECT_USER).param("id", id).query(String.class).single());
    }
}
