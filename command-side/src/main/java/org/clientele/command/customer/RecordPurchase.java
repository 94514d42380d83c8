package org.clientele.command.customer;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.purchase.Money;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseLine;
import org.clientele.events.purchase.SalesChannel;

/** Record one order. The order reference makes it idempotent: the same order sent twice is recorded once. */
public record RecordPurchase(
        @TargetAggregateIdentifier CustomerId customerId,
        OrderReference orderReference,
        Instant purchasedAt,
        Money amount,
        List<PurchaseLine> lines,
        SalesChannel channel) {

    public RecordPurchase {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
