package org.clientele.command.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.customer.ChurnReason;
import org.clientele.events.customer.CustomerId;

/** Mark a customer as lost, with a reason from the documented list and free text. */
public record MarkChurned(
        @TargetAggregateIdentifier CustomerId customerId, ChurnReason reason, String detail, Instant churnedAt) {}
