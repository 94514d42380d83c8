package org.clientele.events.purchase;

import java.util.Objects;

/** One product line of a purchase. */
public record PurchaseLine(Sku sku, int quantity, Money unitPrice) {

    public PurchaseLine {
        Objects.requireNonNull(sku, "sku is required");
        Objects.requireNonNull(unitPrice, "unit price is required");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, got " + quantity);
        }
        if (unitPrice.belowZero()) {
            throw new IllegalArgumentException("unit price must not be negative");
        }
    }

    public Money total() {
        return unitPrice.times(quantity);
    }
}
