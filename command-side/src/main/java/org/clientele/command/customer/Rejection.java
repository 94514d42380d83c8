package org.clientele.command.customer;

/** The business rules a command can break, each with a stable code. */
public enum Rejection {
    /** The customer id is taken by a registration with other details. */
    ALREADY_REGISTERED_DIFFERENTLY,
    /** A date lies in the future (beyond the allowed clock skew). */
    DATE_IN_FUTURE,
    /** A purchase line is priced in another currency than the purchase. */
    CURRENCY_MISMATCH,
    /** A consent change is dated before the last recorded change of that consent. */
    CONSENT_CHANGE_OUT_OF_ORDER,
    /** A churn with reason OTHER must say what the reason was. */
    CHURN_DETAIL_REQUIRED,
    /** The customer was merged into another one; commands go to the survivor. */
    MERGED,
    /** A customer cannot be merged into itself. */
    SAME_CUSTOMER,
    /** A consent's expiry must come after the moment it is granted. */
    CONSENT_EXPIRES_BEFORE_IT_STARTS,
    /** The customer's personal data was erased; nothing more is recorded about them. */
    ERASED,
    /** A delivery outcome for a campaign that was never approved to contact the customer. */
    NO_APPROVED_CONTACT
}
