package org.clientele.events.customer;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.clientele.events.privacy.PersonalData;

/** The survivor absorbed a duplicate, with its orders, returns and consents; the survivor keeps both histories. */
@Revision("1")
public record CustomersMerged(
        CustomerId customerId,
        CustomerId duplicateId,
        MergedFacts absorbed,
        @PersonalData String reason,
        Instant mergedAt) {}
