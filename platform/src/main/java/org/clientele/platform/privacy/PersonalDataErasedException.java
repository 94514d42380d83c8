package org.clientele.platform.privacy;

import java.util.UUID;

/** Personal data cannot be written for a customer who was erased: their key is gone for good. */
public class PersonalDataErasedException extends IllegalStateException {

    private final UUID customer;

    public PersonalDataErasedException(UUID customer) {
        super("customer " + customer + " was erased; no personal data can be recorded for them");
        this.customer = customer;
    }

    public UUID customer() {
        return customer;
    }
}
