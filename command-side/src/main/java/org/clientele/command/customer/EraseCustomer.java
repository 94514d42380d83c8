package org.clientele.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.ErasureRequester;

/** Erase a person's personal data for good, under a request the company keeps a reference of. */
public record EraseCustomer(
        @TargetAggregateIdentifier CustomerId customerId, String requestReference, ErasureRequester requestedBy) {}
