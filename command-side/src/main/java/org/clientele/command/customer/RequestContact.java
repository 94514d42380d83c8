package org.clientele.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.CustomerId;

/**
 * Ask the contact-policy gate whether a customer may be contacted for a campaign on a channel. The campaign's side
 * of the answer comes with the request: whether it is running, and the customer's arm ({@code null} when the
 * customer is not in its audience).
 */
public record RequestContact(
        @TargetAggregateIdentifier CustomerId customerId,
        CampaignId campaignId,
        Channel channel,
        ConsentPurpose purpose,
        boolean campaignRunning,
        String assignment) {}
