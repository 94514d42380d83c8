package org.clientele.platform.privacy;

import java.util.UUID;

/**
 * Personal data is encrypted with a key the key table does not hold, live or shredded: the key was lost (a table
 * restored without it, a row deleted by hand). Never treated as an erasure: that would destroy data silently.
 */
public class PersonalDataKeyMissingException extends IllegalStateException {

    public PersonalDataKeyMissingException(UUID customer) {
        super("no key row for customer " + customer + ": the customer_key table lost it (it was never erased); "
                + "restore the customer_key table from its backup");
    }
}
