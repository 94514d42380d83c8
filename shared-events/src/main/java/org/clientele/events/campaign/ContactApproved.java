package org.clientele.events.campaign;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.clientele.events.consent.Channel;
import org.clientele.events.customer.CustomerId;

/** The gate let a customer be contacted for a campaign on a channel; it counts toward the customer's pressure. */
@Revision("1")
public record ContactApproved(
        CustomerId customerId, CampaignId campaignId, Channel channel, String variant, Instant approvedAt) {}
