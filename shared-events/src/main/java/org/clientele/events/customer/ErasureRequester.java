package org.clientele.events.customer;

/** Who asked for an erasure. Never the person's name: that would outlive the erasure it records. */
public enum ErasureRequester {
    /** The person themselves, under their right to erasure. */
    DATA_SUBJECT,
    /** Someone acting for the person: a lawyer, a guardian, an heir. */
    REPRESENTATIVE,
    /** A data-protection authority or a court. */
    AUTHORITY,
    /** The company itself, for example at the end of a retention period. */
    COMPANY
}
