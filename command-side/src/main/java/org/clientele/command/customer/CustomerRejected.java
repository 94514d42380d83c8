package org.clientele.command.customer;

import org.clientele.platform.axon.NonTransient;

/** A command refused by a business rule, named by its {@link Rejection}. Nothing was recorded. */
public class CustomerRejected extends RuntimeException implements NonTransient {

    private final Rejection rejection;

    public CustomerRejected(Rejection rejection, String detail) {
        super(detail);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
