package org.clientele.events.customer;

import org.axonframework.serialization.Revision;

/** The contact details of a customer were replaced by a new set. */
@Revision("1")
public record ContactDetailsUpdated(CustomerId customerId, ContactDetails contact) {}
