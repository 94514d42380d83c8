package org.clientele.events.purchase;

import java.math.BigDecimal;

/**
 * The range of every decimal Clientele records: amounts, unit prices, costs and ratios. A number is checked on its
 * digits and exponent before any arithmetic, because {@code 1e-999999999} is a cheap {@link BigDecimal} whose plain
 * form has a billion digits: one {@code setScale} or {@code toPlainString} of it exhausts the heap, and an event
 * carrying {@code 1e1000} cannot be read back by the JSON reader (1,000 digits at most).
 */
public final class DecimalBounds {

    /** Up to 999 trillion, beyond any one amount a customer file holds. */
    public static final int MAX_INTEGER_DIGITS = 15;

    /** Finer than any currency or wholesale price. */
    public static final int MAX_DECIMALS = 12;

    private DecimalBounds() {}

    /**
     * Answers the value, without trailing zeros past {@link #MAX_DECIMALS}, or throws an IllegalArgumentException that
     * names {@code what} and the bound, never the value itself (its text may be huge).
     */
    public static BigDecimal check(BigDecimal value, String what) {
        if (value == null) {
            return null;
        }
        if (value.signum() == 0) {
            return value.scale() < 0 || value.scale() > MAX_DECIMALS ? BigDecimal.ZERO : value;
        }
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(
                    what + " is too large: at most " + MAX_INTEGER_DIGITS + " digits before the decimal point");
        }
        if (value.scale() > MAX_DECIMALS) {
            BigDecimal stripped = value.stripTrailingZeros();
            if (stripped.scale() > MAX_DECIMALS) {
                throw new IllegalArgumentException(what + " has more than " + MAX_DECIMALS + " decimals");
            }
            return stripped;
        }
        return value;
    }
}
