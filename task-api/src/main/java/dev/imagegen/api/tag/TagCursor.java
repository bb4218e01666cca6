package dev.imagegen.api.tag;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of the library ends, passed back as {@code after}; clients treat it as opaque.
 * Browsing resumes after the last tag's (name, uuid), written as its uuid (keyset). A ranked search
 * has no key to resume from: it resumes at a position, written {@code s<position>}, and pages
 * through its best {@value #MAX_SEARCH_DEPTH} matches; a tag whose rank changes between two pages
 * may show twice or not at all.
 */
record TagCursor(UUID lastUuid, int position) {

    static final int MAX_SEARCH_DEPTH = 1000;

    private static final Pattern POSITION = Pattern.compile("s(\\d{1,4})");
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final TagCursor START = new TagCursor(null, 0);

    /** The cursor written in {@code text} for a search or for browsing, or null when it is not one. */
    static TagCursor parse(String text, boolean search) {
        if (text == null) {
            return START;
        }
        if (search) {
            Matcher matcher = POSITION.matcher(text);
            if (!matcher.matches() || Integer.parseInt(matcher.group(1)) >= MAX_SEARCH_DEPTH) {
                return null;
            }
            return new TagCursor(null, Integer.parseInt(matcher.group(1)));
        }
        return UUID_FORM.matcher(text).matches() ? new TagCursor(UUID.fromString(text), 0) : null;
    }

    /** The next of a search page that started here, or null when no further page is served. */
    String nextSearch(List<TagView> page, int limit) {
        int next = position + page.size();
        return page.size() == limit && next < MAX_SEARCH_DEPTH ? "s" + next : null;
    }

    /** The next of a browsing page, or null on the last page. */
    static String nextBrowse(List<TagView> page, int limit) {
        return page.size() == limit ? page.getLast().uuid().toString() : null;
    }
}
