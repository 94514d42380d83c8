package org.clientele.query.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * What the lifecycle rules need to know of one purchase or return. A return's amount is negative: it reduces the net
 * spent, and it never counts as an order.
 */
public record PurchaseFact(
        String orderReference, Instant purchasedAt, BigDecimal amount, Currency currency, boolean isReturn) {

    public PurchaseFact(String orderReference, Instant purchasedAt, BigDecimal amount, Currency currency) {
        this(orderReference, purchasedAt, amount, currency, false);
    }
}
