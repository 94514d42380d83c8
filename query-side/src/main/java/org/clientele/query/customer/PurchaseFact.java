package org.clientele.query.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/** What the lifecycle rules need to know of one purchase. */
public record PurchaseFact(String orderReference, Instant purchasedAt, BigDecimal amount, Currency currency) {
}
