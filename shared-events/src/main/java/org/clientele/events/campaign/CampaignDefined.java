package org.clientele.events.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.purchase.Money;

/**
 * An operation was defined: what it offers to whom, on which channel and for which consent purpose, what it costs,
 * how long after a contact a purchase is credited to it ({@code attributionWindowDays}), which share of the audience
 * is held out as a control group, and its variants.
 */
@Revision("1")
public record CampaignDefined(
        CampaignId campaignId,
        String name,
        String objective,
        Channel channel,
        ConsentPurpose purpose,
        String offer,
        String messageReference,
        String targetDescription,
        Money cost,
        int attributionWindowDays,
        BigDecimal controlRatio,
        List<Variant> variants,
        Instant definedAt) {

    public CampaignDefined {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }
}
