package org.clientele.events.customer;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.clientele.events.privacy.PersonalData;

/** A customer was marked as lost, with the reason. */
@Revision("1")
public record CustomerChurned(
        CustomerId customerId,
        ChurnReason reason,
        @PersonalData String detail,
        Instant churnedAt) {}
