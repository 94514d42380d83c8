package org.clientele.command.identity;

import java.util.ArrayList;
import java.util.List;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.privacy.Erased;

/** One way of recognising a person: an external reference in a source system, a normalised email or phone. */
public record IdentityKey(Kind kind, String value) {

    public enum Kind {
        EXTERNAL,
        EMAIL,
        PHONE
    }

    public static IdentityKey external(String source, String reference) {
        return new IdentityKey(Kind.EXTERNAL, source + "|" + reference);
    }

    /** The keys a contact can be matched by, strongest first. */
    public static List<IdentityKey> of(String source, String externalReference, ContactDetails contact) {
        List<IdentityKey> keys = new ArrayList<>(3);
        if (externalReference != null && source != null && !Erased.isErased(externalReference)) {
            keys.add(external(source, externalReference));
        }
        if (contact != null && contact.email() != null) {
            keys.add(new IdentityKey(Kind.EMAIL, contact.email().value()));
        }
        if (contact != null && contact.phone() != null) {
            keys.add(new IdentityKey(Kind.PHONE, contact.phone().value()));
        }
        return keys;
    }
}
