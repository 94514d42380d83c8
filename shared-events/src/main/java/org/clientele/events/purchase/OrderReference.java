package org.clientele.events.purchase;

import java.util.Objects;

/** The seller's reference for one order; unique per customer, which makes a repeated purchase detectable. */
public record OrderReference(String value) {

    public OrderReference {
        Objects.requireNonNull(value, "order reference is required");
        value = value.strip();
        if (value.isEmpty() || value.length() > 100) {
            throw new IllegalArgumentException("order reference must have 1 to 100 characters");
        }
    }

    public static OrderReference of(String value) {
        return new OrderReference(value);
    }
}
