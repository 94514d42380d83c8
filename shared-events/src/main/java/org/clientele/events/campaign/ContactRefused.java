package org.clientele.events.campaign;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.clientele.events.consent.Channel;
import org.clientele.events.customer.CustomerId;

/** The gate refused to let a customer be contacted for a campaign, with the reason. */
@Revision("1")
public record ContactRefused(
        CustomerId customerId, CampaignId campaignId, Channel channel, ContactRefusal reason, Instant refusedAt) {}
