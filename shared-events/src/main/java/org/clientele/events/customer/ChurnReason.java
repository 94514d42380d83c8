package org.clientele.events.customer;

/** Why a customer was marked as churned. The list is documented in docs/glossary.md. */
public enum ChurnReason {
    /** The offer no longer fits the customer's needs. */
    OFFER_MISMATCH,
    /** A delivery, quality or service problem. */
    SERVICE_PROBLEM,
    /** The price, or a cheaper alternative. */
    PRICE,
    /** The customer went to a named competitor. */
    COMPETITOR,
    /** The customer moved out of the served area. */
    MOVED_AWAY,
    /** The customer's need has ended. */
    NO_LONGER_NEEDED,
    /** The customer died. */
    DECEASED,
    /** Anything else; the free text must then say what. */
    OTHER
}
