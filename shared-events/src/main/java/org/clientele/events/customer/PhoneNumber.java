package org.clientele.events.customer;

import java.util.Objects;
import java.util.regex.Pattern;

/** A phone number as given: digits with an optional leading + and the usual separators. */
public record PhoneNumber(String value) {

    private static final Pattern SYNTAX = Pattern.compile("^\\+?[0-9 ().\\-]{4,30}$");

    public PhoneNumber {
        Objects.requireNonNull(value, "phone is required");
        value = value.strip();
        if (!SYNTAX.matcher(value).matches()
                || value.chars().filter(Character::isDigit).count() < 4) {
            throw new IllegalArgumentException("'" + value + "' is not a phone number");
        }
    }

    public static PhoneNumber of(String text) {
        return new PhoneNumber(text);
    }
}
