package org.clientele.query.campaign;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Last-touch attribution of a customer's purchases to one campaign (docs/campaigns.md), for the revenue a campaign is
 * credited with and its ROI. The comparison with the control group does not use it: every member is measured there
 * over the same window from the launch, see {@link CampaignResults}.
 *
 * <p>A touch is an approved contact that no hard bounce of that campaign followed (a hard-bounced message reached
 * nobody). Each touch opens a window of its campaign's attribution days, ends included. A purchase goes to the latest
 * touch whose window holds it, whichever campaign that touch belongs to; it is credited to this campaign only when
 * that touch is this campaign's.
 */
public final class Attribution {

    private Attribution() {}

    /** A contact from which a purchase can be credited to a campaign, for that campaign's number of days. */
    public record Touch(UUID campaignId, Instant at, int windowDays) {

        boolean covers(Instant moment) {
            return !moment.isBefore(at) && !moment.isAfter(at.plus(Duration.ofDays(windowDays)));
        }
    }

    /** A purchase (positive amount) or a return (negative amount) of one customer. */
    public record Purchase(String reference, Instant at, BigDecimal amount, String currency, boolean isReturn) {}

    /**
     * Which touch wins a purchase: the latest; at the same instant the smaller campaign id (an arbitrary rule, but
     * the same for every campaign, so no purchase is credited twice).
     */
    static final Comparator<Touch> PRECEDENCE = Comparator.comparing(Touch::at)
            .thenComparing(touch -> touch.campaignId().toString(), Comparator.reverseOrder());

    /**
     * The campaign's touches on one member: its approved contacts, less those a hard bounce of the campaign followed
     * (at the same instant or later). A contact approved again after the bounce (the address was corrected) is a
     * touch again, until another bounce.
     */
    public static List<Touch> touches(
            UUID campaign, int windowDays, List<Instant> approvals, List<Instant> hardBounces) {
        return approvals.stream()
                .filter(at -> hardBounces.stream().noneMatch(bounce -> !bounce.isBefore(at)))
                .map(at -> new Touch(campaign, at, windowDays))
                .toList();
    }

    /**
     * The purchases credited to {@code campaign}, given its touches on the customer and the other campaigns' touches
     * on the same customer.
     */
    public static List<Purchase> credits(
            UUID campaign, List<Touch> own, List<Touch> otherContacts, List<Purchase> purchases) {
        List<Purchase> credits = new ArrayList<>();
        if (own.isEmpty()) {
            return credits;
        }
        for (Purchase purchase : purchases) {
            Touch winner = latestCovering(purchase.at(), own, null);
            if (winner == null) {
                continue;
            }
            winner = latestCovering(purchase.at(), otherContacts, winner);
            if (winner.campaignId().equals(campaign)) {
                credits.add(purchase);
            }
        }
        return credits;
    }

    private static Touch latestCovering(Instant moment, List<Touch> touches, Touch best) {
        for (Touch touch : touches) {
            if (touch.covers(moment) && (best == null || PRECEDENCE.compare(touch, best) > 0)) {
                best = touch;
            }
        }
        return best;
    }
}
