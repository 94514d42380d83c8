package org.clientele.events.consent;

import java.time.Instant;
import org.clientele.events.customer.CustomerId;
import org.axonframework.serialization.Revision;

/** A customer agreed to be contacted on a channel for a purpose. */
@Revision("1")
public record ConsentGranted(CustomerId customerId, Channel channel, ConsentPurpose purpose, ConsentSource source,
                             LegalBasis legalBasis, Instant effectiveAt) {
}
