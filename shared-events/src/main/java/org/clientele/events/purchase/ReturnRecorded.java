package org.clientele.events.purchase;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.clientele.events.customer.CustomerId;

/**
 * Goods came back or a credit note was issued: {@code refund} (a positive amount) reduces the customer's net
 * spending. A return is not a purchase: it never counts as an order.
 */
@Revision("1")
public record ReturnRecorded(
        CustomerId customerId,
        OrderReference returnReference,
        Instant returnedAt,
        Money refund,
        List<PurchaseLine> lines,
        SalesChannel channel) {

    public ReturnRecorded {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
