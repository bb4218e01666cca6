package dev.imagegen.api.problem;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Names the bad value of a body Jackson could not bind, as a {@link FieldProblem}: where it is (a JSON path such as
 * {@code $.max_concurrent_tasks}) and what was expected, without echoing what was sent (an unquoted token may be a
 * password, and the answer must not carry it back into proxies and client logs).
 */
final class BodyProblems {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private BodyProblems() {}

    /** The problem of a body that did not bind: {@code failure} is what the message converter threw. */
    static FieldProblem of(Throwable failure) {
        JacksonException jackson = jacksonCause(failure);
        if (jackson == null) {
            return new FieldProblem("$", "must be a JSON body");
        }
        String path = path(jackson.getPath());
        if (jackson instanceof PropertyBindingException unknown) {
            return new FieldProblem(path, "is not a known field; known: " + known(unknown.getKnownPropertyIds()));
        }
        if (jackson instanceof MismatchedInputException mismatch) {
            if (StorableText.NUL_MESSAGE.equals(mismatch.getOriginalMessage())) {
                return new FieldProblem(path, StorableText.NUL_MESSAGE);
            }
            return new FieldProblem(path, "must be " + expected(mismatch.getTargetType()));
        }
        if (jackson instanceof InputCoercionException coercion
                && !jackson.getPath().isEmpty()) {
            return new FieldProblem(path, "must be " + expected(coercion.getTargetType()) + " in range");
        }
        return new FieldProblem("$", unreadable(jackson));
    }

    /** The outermost Jackson exception in the chain, the one that knows the path (its own cause may not). */
    private static JacksonException jacksonCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** {@code $.a[2].b} from Jackson's reference chain. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A Java property path of Bean Validation ({@code retryBackoff}, {@code a[0].b}) as the JSON path clients see. */
    static String jsonPath(String property) {
        if (property == null || property.isEmpty()) {
            return "$";
        }
        StringBuilder path = new StringBuilder("$");
        for (String part : property.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            path.append('.').append(SNAKE_CASE.nameForField(null, null, name));
            if (bracket >= 0) {
                path.append(part.substring(bracket));
            }
        }
        return path.toString();
    }

    private static String known(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        if (ids != null) {
            ids.forEach(id -> names.add(String.valueOf(id)));
        }
        return names.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT2S or PT5M";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == OffsetDateTime.class) {
            return "an RFC 3339 date-time";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (type.isRecord()
                || Map.class.isAssignableFrom(type)
                || !type.getPackageName().startsWith("java.")) {
            return "a JSON object";
        }
        return "a valid " + type.getSimpleName();
    }

    /** Why the body does not parse, and where. */
    private static String unreadable(JacksonException jackson) {
        String message = firstLine(jackson.getOriginalMessage());
        TokenStreamLocation at = jackson.getLocation();
        return at == null || at.getLineNr() < 0
                ? message
                : message + " (line %d, column %d)".formatted(at.getLineNr(), at.getColumnNr());
    }

    static String firstLine(String text) {
        if (text == null) {
            return "unreadable body";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).replaceAll("'[^']{2,}'", "'…'");
    }
}
