package org.clientele.command.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.campaign.DeliveryOutcome;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.CustomerId;

/**
 * Record what became of a campaign's message to a customer; {@code purpose} is the campaign's, whose consent an
 * unsubscription withdraws.
 */
public record RecordDeliveryOutcome(
        @TargetAggregateIdentifier CustomerId customerId,
        CampaignId campaignId,
        ConsentPurpose purpose,
        DeliveryOutcome outcome,
        Instant occurredAt) {}
