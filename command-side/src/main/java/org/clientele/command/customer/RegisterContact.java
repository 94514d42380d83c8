package org.clientele.command.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.Origin;

/**
 * Enter a new contact into the customer file, as a prospect. Without a registration date, now is used. The external
 * reference is the contact's key in its source system, when it has one.
 */
public record RegisterContact(
        @TargetAggregateIdentifier CustomerId customerId,
        ContactDetails contact,
        Origin origin,
        Instant registeredAt,
        String externalReference) {

    public RegisterContact(CustomerId customerId, ContactDetails contact, Origin origin, Instant registeredAt) {
        this(customerId, contact, origin, registeredAt, null);
    }
}
