package org.clientele.events.campaign;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An operation was launched on a frozen audience: {@code audience} says where it came from (an explicit list, or a
 * segment view and the date it was evaluated as of). Its members follow in {@link AudienceAssigned} events.
 */
@Revision("1")
public record CampaignLaunched(
        CampaignId campaignId, String audience, int audienceSize, int controlSize, Instant launchedAt) {}
