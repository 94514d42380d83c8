package org.clientele.events.campaign;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.clientele.events.consent.Channel;
import org.clientele.events.customer.CustomerId;

/** The sending tool reported what became of a campaign's message to a customer. */
@Revision("1")
public record DeliveryOutcomeRecorded(
        CustomerId customerId, CampaignId campaignId, Channel channel, DeliveryOutcome outcome, Instant occurredAt) {}
