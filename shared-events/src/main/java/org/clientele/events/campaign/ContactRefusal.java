package org.clientele.events.campaign;

/** Why the contact-policy gate refused to let a customer be contacted. */
public enum ContactRefusal {
    /** No current consent for the channel and the campaign's purpose. */
    NO_CONSENT,
    /** A hard bounce made the channel's address invalid. */
    ADDRESS_INVALID,
    /** The customer already had the most messages allowed on this channel in the rolling period. */
    PRESSURE_CAP_CHANNEL,
    /** The customer already had the most messages allowed over all channels in the rolling period. */
    PRESSURE_CAP_TOTAL,
    /** The customer paused communications. */
    PAUSED,
    /** The customer prefers other channels (applied only where the policy says so). */
    NOT_PREFERRED_CHANNEL,
    /** The customer was erased. */
    ERASED,
    /** The customer is in the campaign's control group, which is never contacted. */
    CONTROL_GROUP,
    /** The customer is not in the campaign's audience. */
    NOT_IN_AUDIENCE,
    /** The campaign is not running: not launched yet, or closed. */
    CAMPAIGN_NOT_RUNNING
}
