package org.clientele.events.consent;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.clientele.events.customer.CustomerId;

/** A customer withdrew a consent; the legal basis is kept when the caller gave one. */
@Revision("1")
public record ConsentWithdrawn(
        CustomerId customerId,
        Channel channel,
        ConsentPurpose purpose,
        ConsentSource source,
        LegalBasis legalBasis,
        Instant effectiveAt) {}
