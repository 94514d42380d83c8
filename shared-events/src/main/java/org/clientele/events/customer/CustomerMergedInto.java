package org.clientele.events.customer;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.clientele.events.privacy.PersonalData;

/** This customer was a duplicate and was merged into the survivor; its id now redirects there. */
@Revision("1")
public record CustomerMergedInto(
        CustomerId customerId,
        CustomerId survivorId,
        @PersonalData String reason,
        Instant mergedAt) {}
