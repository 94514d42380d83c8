package org.clientele.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a date parameter written as a day (2024-03-01, UTC) or as an instant (2024-03-01T12:00:00Z), the same way on
 * both sides of the API. A parser throws {@link IllegalArgumentException}, which {@link FieldErrors} reports.
 */
public final class DateParameters {

    private DateParameters() {}

    /** A day means its first instant: for "from" bounds and "at that date" questions. */
    public static Instant startOfDay(String text) {
        return text.length() == 10 ? day(text).atStartOfDay(ZoneOffset.UTC).toInstant() : instant(text);
    }

    /** A day means its last instant: "as of 2011-06-30" includes everything of that day. */
    public static Instant endOfDay(String text) {
        return text.length() == 10
                ? day(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
                : instant(text);
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "'" + text + "' is not a date (2024-03-01) or an instant (2024-03-01T12:00:00Z)");
    }
}
