package dev.imagegen.api.openapi;

import dev.imagegen.api.security.AccessRules;
import dev.imagegen.api.security.AccessRules.Access;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.stereotype.Component;

/**
 * Every operation's error answers, decided in this one place from facts the code holds: 400 where the operation takes
 * input (parameters or a body), 401 and 503 where it needs an account (accounts are read from the database), 403
 * where its {@link AccessRules} rule names roles or its method needs a CSRF token with a session, 404 where its path
 * names something, 409 where it refuses a change the current state does not allow. All of them, and any other error
 * answer an operation declares, have the one problem+json schema.
 */
@Component
class ErrorResponses implements OpenApiCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";

    /** Operations that answer 409 (ConflictException): a state that does not allow the change. */
    static final Map<String, String> CONFLICTS = Map.of(
            "rateSubtask", "Only a completed subtask can be rated",
            "cancelTask", "The task is already completed or failed",
            "retryTask", "The task is cancelled; submit it again instead",
            "cancelSubtask", "Only a pending or generating subtask can be cancelled",
            "retrySubtask",
                    "Only a failed or cancelled subtask can be retried, once no attempt of it runs, and not in a"
                            + " cancelled task",
            "createUser", "The user name is taken",
            "changeUser", "The last active admin cannot be demoted or deactivated");

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "Bad input: each bad field or parameter is listed under errors with its path",
            "401", "No valid credentials: sign in (HTTP Basic or the login form's session)",
            "403", "The caller's role may not do this, or a session call came without its CSRF token",
            "404", "Nothing with this id that the caller may see",
            "503", "The database cannot be reached for a moment; nothing was written, send the request again");

    private final boolean openapi31;

    ErrorResponses(SpringDocConfigProperties properties) {
        this.openapi31 = properties.isOpenapi31();
    }

    @Override
    public void customise(OpenAPI openApi) {
        Map<String, Schema> problem = ModelConverters.getInstance(openapi31).readAll(Problem.class);
        problem.forEach(openApi.getComponents()::addSchemas);
        openApi.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().forEach((method, operation) -> document(path, method, operation)));
    }

    private void document(String path, PathItem.HttpMethod method, Operation operation) {
        Map<String, String> codes = new TreeMap<>(expectedCodes(path, method.name(), operation));
        ApiResponses responses = operation.getResponses();
        codes.forEach((code, description) -> {
            if (responses.get(code) == null) {
                responses.addApiResponse(code, new ApiResponse().description(description));
            }
        });
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
            }
        });
    }

    /** The error codes the operation can answer, with what each means there. */
    static Map<String, String> expectedCodes(String path, String method, Operation operation) {
        Map<String, String> codes = new TreeMap<>();
        boolean input = operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        if (input) {
            codes.put("400", DESCRIPTIONS.get("400"));
        }
        Access access = AccessRules.of(method, path).orElse(Access.ADMINS);
        if (access != Access.PUBLIC) {
            codes.put("401", DESCRIPTIONS.get("401"));
            codes.put("503", DESCRIPTIONS.get("503"));
        }
        if (access == Access.ACTORS
                || access == Access.STAFF
                || access == Access.ADMINS
                || !SAFE_METHODS.contains(method.toUpperCase(java.util.Locale.ROOT))) {
            codes.put("403", DESCRIPTIONS.get("403"));
        }
        if (path.contains("{")) {
            codes.put("404", DESCRIPTIONS.get("404"));
        }
        String conflict = CONFLICTS.get(operation.getOperationId());
        if (conflict != null) {
            codes.put("409", conflict);
        }
        return codes;
    }
}
