package org.clientele.query.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One product line of a purchase, for the segment views (recruiting products, seasonal buyers). */
record PurchaseLineRow(
        UUID customerId,
        String orderReference,
        int lineNumber,
        Instant purchasedAt,
        String sku,
        int quantity,
        BigDecimal amount) {}
