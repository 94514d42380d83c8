package org.clientele.events.customer;

import java.util.List;

/**
 * How to reach a person. Every part is optional: a prospect is often known by an email alone. An update replaces
 * the whole set, so an absent part means "no longer known". Each present part is normalised and valid; what failed
 * normalisation is listed in {@code invalid}, field by field, instead of being dropped.
 *
 * <p>{@code erased} is true, and every part absent, when the person was erased: the details existed but can no
 * longer be read (see {@link org.clientele.events.privacy.PersonalData}).
 */
public record ContactDetails(
        PersonName name,
        EmailAddress email,
        PhoneNumber phone,
        PostalAddress address,
        List<InvalidValue> invalid,
        boolean erased) {

    private static final ContactDetails ERASED = new ContactDetails(null, null, null, null, List.of(), true);

    public ContactDetails {
        invalid = invalid == null ? List.of() : List.copyOf(invalid);
        if (erased && (name != null || email != null || phone != null || address != null || !invalid.isEmpty())) {
            throw new IllegalArgumentException("erased contact details cannot carry any detail");
        }
    }

    public ContactDetails(
            PersonName name, EmailAddress email, PhoneNumber phone, PostalAddress address, List<InvalidValue> invalid) {
        this(name, email, phone, address, invalid, false);
    }

    public ContactDetails(PersonName name, EmailAddress email, PhoneNumber phone, PostalAddress address) {
        this(name, email, phone, address, List.of());
    }

    public static ContactDetails none() {
        return new ContactDetails(null, null, null, null, List.of());
    }

    /** The details of an erased person. */
    public static ContactDetails erasedDetails() {
        return ERASED;
    }

    public ContactDetails withEmail(EmailAddress newEmail) {
        return new ContactDetails(name, newEmail, phone, address, invalid);
    }

    /** Whether a field's value came in but failed normalisation. */
    public boolean isFlagged(String field) {
        return invalid.stream().anyMatch(value -> value.field().equals(field));
    }
}
