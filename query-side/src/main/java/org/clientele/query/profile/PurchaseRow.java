package org.clientele.query.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One purchase, or one return (negative amount), as the profile keeps it. */
record PurchaseRow(
        UUID customerId,
        String orderReference,
        Instant purchasedAt,
        BigDecimal amount,
        String currency,
        String channel,
        int lineCount,
        boolean isReturn) {}
