package org.clientele.command.customer;

/** What an accepted command did: it changed the customer, or the customer was already in the asked state. */
public enum Outcome {
    APPLIED,
    UNCHANGED
}
