package org.clientele.command.customer;

import org.clientele.events.campaign.ContactRefusal;

/** The gate's answer: approved (with the customer's variant), or refused with the reason. */
public record ContactDecision(boolean approved, ContactRefusal reason, String variant) {

    static ContactDecision approved(String variant) {
        return new ContactDecision(true, null, variant);
    }

    static ContactDecision refused(ContactRefusal reason) {
        return new ContactDecision(false, reason, null);
    }
}
