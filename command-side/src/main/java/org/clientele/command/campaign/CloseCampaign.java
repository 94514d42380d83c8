package org.clientele.command.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.campaign.CampaignId;

/** Close an operation: no more contacts, results final. */
public record CloseCampaign(@TargetAggregateIdentifier CampaignId campaignId) {}
