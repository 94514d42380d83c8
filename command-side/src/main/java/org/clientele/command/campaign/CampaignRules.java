package org.clientele.command.campaign;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.Variant;

/** What makes a campaign definition sound; the web layer reports each broken rule on its field. */
final class CampaignRules {

    static final int MAX_ATTRIBUTION_DAYS = 365;
    static final BigDecimal MAX_CONTROL_RATIO = new BigDecimal("0.5");

    private CampaignRules() {}

    static void check(DefineCampaign command) {
        if (command.name() == null || command.name().isBlank()) {
            throw new CampaignRejected("INVALID_CAMPAIGN", "a campaign needs a name");
        }
        if (command.channel() == null || command.purpose() == null) {
            throw new CampaignRejected("INVALID_CAMPAIGN", "a campaign needs a channel and a consent purpose");
        }
        if (command.attributionWindowDays() < 1 || command.attributionWindowDays() > MAX_ATTRIBUTION_DAYS) {
            throw new CampaignRejected(
                    "INVALID_CAMPAIGN", "the attribution window must be 1 to " + MAX_ATTRIBUTION_DAYS + " days");
        }
        if (command.cost() != null && command.cost().amount().compareTo(new BigDecimal("1000000000000")) >= 0) {
            throw new CampaignRejected("INVALID_CAMPAIGN", "a campaign's cost must be below 10^12");
        }
        if (command.controlRatio() == null
                || command.controlRatio().signum() < 0
                || command.controlRatio().compareTo(MAX_CONTROL_RATIO) > 0) {
            throw new CampaignRejected("INVALID_CAMPAIGN", "the control ratio must be 0 to " + MAX_CONTROL_RATIO);
        }
        if (command.variants().isEmpty()) {
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        Set<String> codes = new HashSet<>();
        for (Variant variant : command.variants()) {
            if (variant.code() == null
                    || !variant.code().matches("[A-Za-z0-9_-]{1,20}")
                    || AudienceMember.CONTROL.equals(variant.code())
                    || Assignment.MAIN.equals(variant.code())
                    || !codes.add(variant.code())) {
                throw new CampaignRejected(
                        "INVALID_CAMPAIGN",
                        "variant codes are 1 to 20 letters, digits, - or _, unique, and neither CONTROL nor MAIN");
            }
            if (variant.share() == null || variant.share().signum() <= 0) {
                throw new CampaignRejected("INVALID_CAMPAIGN", "each variant needs a positive share");
            }
            total = total.add(variant.share());
        }
        if (total.compareTo(BigDecimal.ONE) != 0) {
            throw new CampaignRejected(
                    "INVALID_CAMPAIGN", "the variants' shares must add up to 1, they add up to " + total);
        }
    }
}
