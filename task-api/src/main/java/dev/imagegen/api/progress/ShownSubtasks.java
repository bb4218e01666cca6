package dev.imagegen.api.progress;

import dev.imagegen.api.problem.FieldProblem;
import dev.imagegen.api.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The {@code subtask} parameter of a task stream: the subtasks a page shows, whose changes alone it is sent. */
final class ShownSubtasks {

    /**
     * At most this many subtasks per stream: a page shows a few dozen (48 cards, an XY window of 64), and 100 ids
     * repeated as parameters (4.5 KB) keep the request within the server's 8 KB of request line and headers.
     */
    static final int MAX = 100;

    static final String PARAMETER = "subtask";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", Pattern.CASE_INSENSITIVE);

    private ShownSubtasks() {}

    /**
     * The named subtasks: null when the parameter is absent (every subtask), empty when it is given empty (none).
     *
     * @throws InvalidRequestException listing every bad value, or the count when there are more than {@link #MAX}
     */
    static Set<UUID> parse(List<String> values) {
        if (values == null) {
            return null;
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (values.size() > MAX) {
            problems.add(new FieldProblem(PARAMETER, "must name at most " + MAX + " subtasks"));
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (String value : values) {
            String text = value.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (UUID_TEXT.matcher(text).matches()) {
                ids.add(UUID.fromString(text.toLowerCase(Locale.ROOT)));
            } else if (problems.size() < 10) {
                problems.add(new FieldProblem(PARAMETER, "must be a subtask id; got '" + shorten(text) + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return ids;
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
