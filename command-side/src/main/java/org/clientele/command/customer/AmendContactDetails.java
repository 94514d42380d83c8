package org.clientele.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.CustomerId;

/**
 * Complete a customer's contact details with what an import knows: each part the import gives replaces the current
 * one, each part it lacks is kept. (An HTTP update replaces the whole set instead.) The file's external reference,
 * when the customer does not carry it yet, is linked to the customer.
 */
public record AmendContactDetails(
        @TargetAggregateIdentifier CustomerId customerId,
        ContactDetails contact,
        String source,
        String externalReference) {

    public AmendContactDetails(CustomerId customerId, ContactDetails contact) {
        this(customerId, contact, null, null);
    }
}
