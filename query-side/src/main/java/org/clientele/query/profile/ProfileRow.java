package org.clientele.query.profile;

import java.time.Instant;
import java.util.UUID;
import org.clientele.events.customer.ContactDetails;

/** One row of {@code customer_profile}, as the projection reads, changes and writes it within a batch. */
final class ProfileRow {

    final UUID customerId;
    String firstName;
    String lastName;
    String email;
    String phone;
    String street;
    String postalCode;
    String city;
    String country;
    String originSource;
    String originChannel;
    String originCampaign;
    Instant registeredAt;
    int purchaseCount;
    Instant firstPurchaseAt;
    Instant lastPurchaseAt;
    Instant churnedAt;
    String churnReason;
    String churnDetail;
    String phase;
    Instant phaseAssessedAt;
    Instant phaseValidUntil;
    long revision;
    UUID mergedInto;
    Instant mergedAt;
    String invalidFields;
    Instant erasedAt;
    String erasureReference;

    ProfileRow(UUID customerId) {
        this.customerId = customerId;
    }

    void contact(ContactDetails contact) {
        firstName = contact.name() == null ? null : contact.name().firstName();
        lastName = contact.name() == null ? null : contact.name().lastName();
        email = contact.email() == null ? null : contact.email().value();
        phone = contact.phone() == null ? null : contact.phone().value();
        street = contact.address() == null ? null : contact.address().street();
        postalCode = contact.address() == null ? null : contact.address().postalCode();
        city = contact.address() == null ? null : contact.address().city();
        country = contact.address() == null ? null : contact.address().country();
        invalidFields = invalidFields(contact);
    }

    static String invalidFields(ContactDetails contact) {
        return contact.invalid().isEmpty()
                ? null
                : contact.invalid().stream()
                        .map(org.clientele.events.customer.InvalidValue::field)
                        .distinct()
                        .sorted()
                        .collect(java.util.stream.Collectors.joining(","));
    }
}
