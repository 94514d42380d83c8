package org.clientele.events.customer;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** This customer was a duplicate and was merged into the survivor; its id now redirects there. */
@Revision("1")
public record CustomerMergedInto(CustomerId customerId, CustomerId survivorId, String reason, Instant mergedAt) {}
