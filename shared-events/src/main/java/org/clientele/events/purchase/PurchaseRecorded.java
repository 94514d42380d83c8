package org.clientele.events.purchase;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.clientele.events.customer.CustomerId;

/** A customer bought something: one order, with its lines. */
@Revision("1")
public record PurchaseRecorded(
        CustomerId customerId,
        OrderReference orderReference,
        Instant purchasedAt,
        Money amount,
        List<PurchaseLine> lines,
        SalesChannel channel) {

    public PurchaseRecorded {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
