package org.clientele.command.customer;

import java.util.ArrayList;
import java.util.List;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.InvalidValue;

/** How an import completes a customer's details: what it gives replaces, what it lacks is kept. */
final class ContactAmendment {

    private ContactAmendment() {}

    static ContactDetails amend(ContactDetails current, ContactDetails given) {
        if (current == null) {
            return given;
        }
        List<InvalidValue> invalid = new ArrayList<>();
        // a flag stays only while no valid value of that field has arrived since
        for (InvalidValue flagged : current.invalid()) {
            if (!given.isFlagged(flagged.field()) && !suppliedValid(given, flagged.field())) {
                invalid.add(flagged);
            }
        }
        invalid.addAll(given.invalid());
        return new ContactDetails(
                given.name() != null ? given.name() : current.name(),
                given.email() != null ? given.email() : current.email(),
                given.phone() != null ? given.phone() : current.phone(),
                given.address() != null ? given.address() : current.address(),
                invalid);
    }

    private static boolean suppliedValid(ContactDetails given, String field) {
        return switch (field) {
            case "name" -> given.name() != null;
            case "email" -> given.email() != null;
            case "phone" -> given.phone() != null;
            default -> given.address() != null;
        };
    }
}
