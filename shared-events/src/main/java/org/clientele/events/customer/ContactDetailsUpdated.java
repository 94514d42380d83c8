package org.clientele.events.customer;

import org.axonframework.serialization.Revision;
import org.clientele.events.privacy.PersonalData;

/** The contact details of a customer were replaced by a new set. */
@Revision("1")
public record ContactDetailsUpdated(
        CustomerId customerId, @PersonalData ContactDetails contact) {}
