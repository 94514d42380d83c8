package org.clientele.query.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;
import org.clientele.platform.web.DateParameters;
import org.clientele.platform.web.FieldErrors;

/**
 * The query parameters the read API shares, each parsed one way with one message: a reference date, a bounded whole
 * number, an enum value, a currency. A parser throws {@link IllegalArgumentException}, which {@link FieldErrors}
 * reports on the parameter.
 */
final class QueryParameters {

    private QueryParameters() {}

    /** {@code asOf}: a day (its end, UTC) or an instant; now when absent, and never later than now. */
    static Instant asOf(FieldErrors errors, String asOf, Clock clock) {
        Instant now = clock.instant();
        if (asOf == null) {
            return now;
        }
        Instant at = errors.required("asOf", asOf, DateParameters::endOfDay);
        return at != null && at.isAfter(now) ? now : at;
    }

    static int bounded(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** An enum constant, in any letter case. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        }
    }

    /** An ISO 4217 code, in any letter case. */
    static String currency(String text) {
        try {
            return Currency.getInstance(text.strip().toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO 4217 currency code");
        }
    }
}
