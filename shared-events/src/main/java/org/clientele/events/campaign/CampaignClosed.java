package org.clientele.events.campaign;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The operation was closed: no more contacts, and its results are final. */
@Revision("1")
public record CampaignClosed(CampaignId campaignId, Instant closedAt) {}
