package org.clientele.events.customer;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** An email address, trimmed and lower-cased, with its syntax checked. */
public record EmailAddress(String value) {

    // Deliberately pragmatic: one @, a dotted domain, no spaces. RFC 5322 allows far more than mail systems accept.
    private static final Pattern SYNTAX = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    public EmailAddress {
        Objects.requireNonNull(value, "email is required");
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a valid email address");
        }
    }

    public static EmailAddress of(String text) {
        return new EmailAddress(text);
    }
}
