package org.clientele.events.purchase;

import java.util.Objects;

/** One product line of a purchase or a return. */
public record PurchaseLine(Sku sku, int quantity, UnitPrice unitPrice) {

    public PurchaseLine {
        Objects.requireNonNull(sku, "sku is required");
        Objects.requireNonNull(unitPrice, "unit price is required");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, got " + quantity);
        }
    }

    public PurchaseLine(Sku sku, int quantity, Money unitPrice) {
        this(sku, quantity, UnitPrice.of(Objects.requireNonNull(unitPrice, "unit price is required")));
    }

    public Money total() {
        return unitPrice.times(quantity);
    }
}
