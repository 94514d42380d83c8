package org.clientele.events.campaign;

/** What became of a message, as the sending tool reports it. */
public enum DeliveryOutcome {
    SENT,
    DELIVERED,
    /** A temporary failure: the address stays valid. */
    SOFT_BOUNCE,
    /** A permanent failure: the channel's address is invalid until the contact details change. */
    HARD_BOUNCE,
    OPENED,
    CLICKED,
    /** The customer unsubscribed: the consent for the channel and the campaign's purpose is withdrawn. */
    UNSUBSCRIBED,
    COMPLAINED
}
