package org.clientele.command.customer;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.purchase.Money;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseLine;
import org.clientele.events.purchase.SalesChannel;

/** Record a return or credit note; its reference makes it idempotent, as an order reference does for purchases. */
public record RecordReturn(
        @TargetAggregateIdentifier CustomerId customerId,
        OrderReference returnReference,
        Instant returnedAt,
        Money refund,
        List<PurchaseLine> lines,
        SalesChannel channel) {

    public RecordReturn {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
