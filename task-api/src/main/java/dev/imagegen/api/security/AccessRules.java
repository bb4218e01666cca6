package dev.imagegen.api.security;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call each operation of the API, written once: {@link SecurityConfig} enforces this table, and the OpenAPI
 * document derives each operation's 401 and 403 answers from it.
 */
public final class AccessRules {

    /** Who passes a rule. */
    public enum Access {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** Every active account, guests included. */
        SIGNED_IN,
        /** Admins, managers and users: those who submit and act on tasks. */
        ACTORS,
        /** Admins and managers. */
        STAFF,
        /** Admins only. */
        ADMINS;

        /** The roles allowed, for the rules that name roles. */
        String[] roles() {
            return switch (this) {
                case ACTORS -> new String[] {"ADMIN", "MANAGER", "USER"};
                case STAFF -> new String[] {"ADMIN", "MANAGER"};
                case ADMINS -> new String[] {"ADMIN"};
                default -> new String[0];
            };
        }
    }

    /** One rule: a method (null: every method) and path patterns. */
    record Rule(HttpMethod method, List<String> patterns, Access access) {}

    static final List<Rule> API = List.of(
            rule(HttpMethod.GET, Access.PUBLIC, "/api/csrf"),
            rule(HttpMethod.GET, Access.SIGNED_IN, "/api/me", "/api/limits"),
            rule(HttpMethod.POST, Access.ACTORS, "/api/tasks", "/api/tasks/preview"),
            rule(HttpMethod.GET, Access.SIGNED_IN, "/api/tasks", "/api/tasks/**"),
            rule(HttpMethod.GET, Access.SIGNED_IN, "/images/*/*", "/images/*/thumbnails/*"),
            rule(HttpMethod.PUT, Access.ACTORS, "/api/tasks/*/subtasks/*/rating"),
            rule(HttpMethod.POST, Access.ACTORS, "/api/tasks/*/cancel", "/api/tasks/*/retry"),
            rule(HttpMethod.POST, Access.ACTORS, "/api/tasks/*/subtasks/*/cancel", "/api/tasks/*/subtasks/*/retry"),
            // A download of chosen images only reads, like GET: a POST only because the choice can be long.
            rule(HttpMethod.POST, Access.SIGNED_IN, "/api/tasks/*/images.zip"),
            rule(HttpMethod.DELETE, Access.ACTORS, "/api/tasks/*"),
            rule(HttpMethod.PATCH, Access.ACTORS, "/api/tasks/*"),
            rule(HttpMethod.GET, Access.SIGNED_IN, "/api/tags", "/api/tags/*"),
            rule(HttpMethod.PUT, Access.STAFF, "/api/tags/*", "/api/tags/*/header_img"),
            rule(HttpMethod.GET, Access.SIGNED_IN, "/api/gallery"),
            rule(HttpMethod.PUT, Access.ACTORS, "/api/gallery/*/like"),
            rule(HttpMethod.DELETE, Access.ACTORS, "/api/gallery/*/like"),
            rule(HttpMethod.GET, Access.SIGNED_IN, "/api/queues"),
            rule(HttpMethod.GET, Access.SIGNED_IN, "/api/dashboard"),
            rule(HttpMethod.PATCH, Access.STAFF, "/api/queues/*"),
            rule(null, Access.ADMINS, "/api/users", "/api/users/**"),
            rule(HttpMethod.GET, Access.ADMINS, "/api/system-logs"),
            rule(HttpMethod.POST, Access.ADMINS, "/api/admin/consistency"));

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    private AccessRules() {}

    private static Rule rule(HttpMethod method, Access access, String... patterns) {
        return new Rule(method, List.of(patterns), access);
    }

    /**
     * Who may call {@code method} on {@code path}, a concrete path or a document's template ({@code /api/tasks/{id}});
     * empty when no rule matches, and the request is refused for everybody.
     */
    public static Optional<Access> of(String method, String path) {
        PathContainer concrete = PathContainer.parsePath(path.replaceAll("\\{[^}/]+}", "x"));
        for (Rule rule : API) {
            if (rule.method() != null && !rule.method().name().equalsIgnoreCase(method)) {
                continue;
            }
            for (String pattern : rule.patterns()) {
                PathPattern parsed = PARSER.parse(pattern);
                if (parsed.matches(concrete)) {
                    return Optional.of(rule.access());
                }
            }
        }
        return Optional.empty();
    }
}
