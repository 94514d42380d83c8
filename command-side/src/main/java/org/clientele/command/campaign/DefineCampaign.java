package org.clientele.command.campaign;

import java.math.BigDecimal;
import java.util.List;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.campaign.Variant;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.purchase.Money;

/** Define an operation; it can be launched once, on an audience. Checked by the web layer and by the aggregate. */
public record DefineCampaign(
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
        List<Variant> variants) {

    public DefineCampaign {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }
}
