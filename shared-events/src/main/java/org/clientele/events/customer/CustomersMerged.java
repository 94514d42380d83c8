package org.clientele.events.customer;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The survivor absorbed a duplicate, with its orders, returns and consents; the survivor keeps both histories. */
@Revision("1")
public record CustomersMerged(
        CustomerId customerId, CustomerId duplicateId, MergedFacts absorbed, String reason, Instant mergedAt) {}
