package org.clientele.command.campaign;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.customer.CustomerId;

/**
 * Launch an operation on a frozen audience: {@code audience} says where it came from, and each candidate carries
 * the segment it was in (null for an explicit list).
 */
public record LaunchCampaign(
        @TargetAggregateIdentifier CampaignId campaignId, String audience, List<Candidate> candidates) {

    public record Candidate(CustomerId customerId, String segment) {}
}
