package org.clientele.query.profile;

import java.time.Instant;
import java.util.UUID;
import org.clientele.events.customer.ContactDetails;

/** What a customer's contact details allowed from a given instant: which fields were filled, which were invalid. */
record ContactVersionRow(
        UUID customerId,
        Instant validFrom,
        String eventId,
        boolean hasName,
        boolean hasEmail,
        boolean hasPhone,
        boolean hasPostal,
        boolean hasCountry,
        String invalidFields) {

    static ContactVersionRow of(UUID customerId, Instant validFrom, String eventId, ContactDetails contact) {
        var address = contact.address();
        boolean postal =
                address != null && address.street() != null && address.postalCode() != null && address.city() != null;
        return new ContactVersionRow(
                customerId,
                validFrom,
                eventId,
                contact.name() != null,
                contact.email() != null,
                contact.phone() != null,
                postal,
                address != null && address.country() != null,
                ProfileRow.invalidFields(contact));
    }
}
