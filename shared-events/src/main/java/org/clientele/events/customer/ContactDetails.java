package org.clientele.events.customer;

/**
 * How to reach a person. Every part is optional: a prospect is often known by an email alone.
 * An update replaces the whole set, so an absent part means "no longer known".
 */
public record ContactDetails(PersonName name, EmailAddress email, PhoneNumber phone, PostalAddress address) {

    public static ContactDetails none() {
        return new ContactDetails(null, null, null, null);
    }

    public ContactDetails withEmail(EmailAddress newEmail) {
        return new ContactDetails(name, newEmail, phone, address);
    }
}
