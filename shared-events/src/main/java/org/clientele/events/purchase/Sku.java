package org.clientele.events.purchase;

import java.util.Objects;

/** A stock-keeping unit: the product sold on a purchase line. */
public record Sku(String value) {

    public Sku {
        Objects.requireNonNull(value, "sku is required");
        value = value.strip();
        if (value.isEmpty() || value.length() > 64) {
            throw new IllegalArgumentException("sku must have 1 to 64 characters");
        }
    }

    public static Sku of(String value) {
        return new Sku(value);
    }
}
