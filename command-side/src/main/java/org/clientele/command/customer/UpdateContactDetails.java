package org.clientele.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.CustomerId;

/** Replace a customer's contact details with a new set. */
public record UpdateContactDetails(
        @TargetAggregateIdentifier CustomerId customerId, ContactDetails contact) {}
