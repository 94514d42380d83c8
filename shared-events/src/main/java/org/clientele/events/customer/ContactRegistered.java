package org.clientele.events.customer;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A new contact entered the customer file, as a prospect. */
@Revision("1")
public record ContactRegistered(CustomerId customerId, ContactDetails contact, Origin origin, Instant registeredAt) {
}
