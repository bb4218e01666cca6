package dev.imagegen.api.gallery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a gallery page ends: the last artwork's sort key (its like count, or its creation time in
 * microseconds since the epoch) and its subtask id, written {@code key_subtaskid}.
 */
record GalleryCursor(long key, UUID subtaskId) {

    private static final Pattern FORM = Pattern.compile(
            "(-?\\d{1,19})_([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    /** The cursor written in {@code text}, or null when it is not one. */
    static GalleryCursor parse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        try {
            return new GalleryCursor(Long.parseLong(matcher.group(1)), UUID.fromString(matcher.group(2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String of(long key, UUID subtaskId) {
        return key + "_" + subtaskId;
    }

    static String of(OffsetDateTime time, UUID subtaskId) {
        return of(ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant()), subtaskId);
    }

    static OffsetDateTime time(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
