package org.clientele.command.campaign.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.clientele.events.campaign.DeliveryOutcome;
import org.clientele.events.consent.Channel;

/** The bodies of the campaign write API, as JSON gives them; checked by {@link CampaignController}. */
final class CampaignRequests {

    private CampaignRequests() {}

    record VariantBody(String code, String offer, String messageReference, BigDecimal share) {}

    /** {@code campaignId} is optional: give one to make retries safe. {@code purpose} defaults to marketing. */
    record DefineBody(
            UUID campaignId,
            String name,
            String objective,
            Channel channel,
            String purpose,
            String offer,
            String messageReference,
            String targetDescription,
            BigDecimal cost,
            String currency,
            Integer attributionWindowDays,
            BigDecimal controlRatio,
            List<VariantBody> variants) {}

    /** A segment of a segment view, evaluated as of {@code asOf} (now when absent). */
    record SegmentBody(String view, String segment, String asOf) {}

    /** Either an explicit list of customers, or a segment. */
    record LaunchBody(List<UUID> customerIds, SegmentBody segment) {}

    /** One customer, many, or the campaign's whole frozen audience. */
    record ContactRequestBody(UUID customerId, List<UUID> customerIds, Boolean wholeAudience) {}

    record OutcomeItem(UUID customerId, DeliveryOutcome outcome, Instant occurredAt) {}

    /** One outcome, or many in {@code outcomes}. */
    record OutcomeBody(UUID customerId, DeliveryOutcome outcome, Instant occurredAt, List<OutcomeItem> outcomes) {}

    record Defined(String campaignId, String outcome, String correlationId) {}

    record Launched(String campaignId, String outcome, long audienceSize, java.util.Map<String, Long> arms) {}

    record Decision(String customerId, String decision, String reason, String variant, String error) {}

    /**
     * The gate's answers: counts always, and each decision when there are at most 10,000 (beyond, the campaign's
     * contacts are read as CSV from the read side: GET /api/campaigns/{id}/contacts.csv).
     */
    record Decisions(
            String campaignId,
            int requested,
            long approved,
            java.util.Map<String, Long> refused,
            long errors,
            boolean decisionsListed,
            List<Decision> decisions) {}

    record Recorded(String customerId, String outcome, String error) {}
}
