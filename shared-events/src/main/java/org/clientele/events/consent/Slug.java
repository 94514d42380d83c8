package org.clientele.events.consent;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** Shared check for the short lower-case codes that name purposes and sources. */
final class Slug {

    private static final Pattern SYNTAX = Pattern.compile("^[a-z][a-z0-9_-]{0,39}$");

    private Slug() {}

    static String check(String value, String what) {
        Objects.requireNonNull(value, what + " is required");
        String slug = value.strip().toLowerCase(Locale.ROOT);
        if (!SYNTAX.matcher(slug).matches()) {
            throw new IllegalArgumentException(what
                    + " must be a code of lower-case letters, digits, '_' or '-' (at most 40), got '" + value + "'");
        }
        return slug;
    }
}
