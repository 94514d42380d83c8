package org.clientele.events.consent;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.clientele.events.customer.CustomerId;

/** A customer agreed to be contacted on a channel for a purpose. */
@Revision("1")
public record ConsentGranted(
        CustomerId customerId,
        Channel channel,
        ConsentPurpose purpose,
        ConsentSource source,
        LegalBasis legalBasis,
        Instant effectiveAt) {}
