package org.clientele.query.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One operation as the campaign memory holds it: its definition, where it stands, and the launch segments of its
 * audience with their sizes (held out included).
 */
public record CampaignView(
        String campaignId,
        String name,
        String objective,
        String channel,
        String purpose,
        String offer,
        String messageReference,
        String targetDescription,
        Amount cost,
        int attributionWindowDays,
        BigDecimal controlRatio,
        List<VariantView> variants,
        Status status,
        Instant definedAt,
        Instant launchedAt,
        Instant closedAt,
        String audience,
        Integer audienceSize,
        Integer controlSize,
        List<SegmentSize> segments) {

    public enum Status {
        DEFINED,
        LAUNCHED,
        CLOSED
    }

    public record Amount(BigDecimal amount, String currency) {}

    public record VariantView(String code, String offer, String messageReference, BigDecimal share) {}

    /** A launch segment of the audience; {@code segment} is null for the members of an explicit list. */
    public record SegmentSize(String segment, long members) {}

    CampaignView withSegments(List<SegmentSize> sizes) {
        return new CampaignView(
                campaignId,
                name,
                objective,
                channel,
                purpose,
                offer,
                messageReference,
                targetDescription,
                cost,
                attributionWindowDays,
                controlRatio,
                variants,
                status,
                definedAt,
                launchedAt,
                closedAt,
                audience,
                audienceSize,
                controlSize,
                List.copyOf(sizes));
    }

    /** The arms members can be assigned to besides the control group: the variants' codes, or MAIN. */
    List<String> arms() {
        return variants.isEmpty()
                ? List.of(CampaignResults.MAIN)
                : variants.stream().map(VariantView::code).toList();
    }
}
