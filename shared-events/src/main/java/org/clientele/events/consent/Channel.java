package org.clientele.events.consent;

/** A way of reaching a person, each with its own consent. */
public enum Channel {
    EMAIL,
    SMS,
    PHONE,
    POSTAL
}
