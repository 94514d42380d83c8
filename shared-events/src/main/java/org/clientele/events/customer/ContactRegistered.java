package org.clientele.events.customer;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.clientele.events.privacy.PersonalData;

/**
 * A new contact entered the customer file, as a prospect. {@code externalReference} is the contact's key in its
 * source system (for example the customer number of an imported file), when it has one.
 */
@Revision("1")
public record ContactRegistered(
        CustomerId customerId,
        @PersonalData ContactDetails contact,
        Origin origin,
        Instant registeredAt,
        @PersonalData String externalReference) {

    public ContactRegistered(CustomerId customerId, ContactDetails contact, Origin origin, Instant registeredAt) {
        this(customerId, contact, origin, registeredAt, null);
    }
}
