package org.clientele.events.customer;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A customer was marked as lost, with the reason. */
@Revision("1")
public record CustomerChurned(CustomerId customerId, ChurnReason reason, String detail, Instant churnedAt) {}
