package org.clientele.events.customer;

import org.axonframework.serialization.Revision;
import org.clientele.events.privacy.PersonalData;

/**
 * A source system's reference was found to name this customer (an import matched it by email or phone): later files
 * from that source find the customer by the reference alone.
 */
@Revision("1")
public record ExternalReferenceLinked(
        CustomerId customerId, String source, @PersonalData String externalReference) {}
