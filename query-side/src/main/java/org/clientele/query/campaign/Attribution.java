package org.clientele.query.campaign;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Last-touch attribution of a customer's purchases to one campaign (docs/campaigns.md).
 *
 * <p>Each touch opens a window of the campaign's attribution days, ends included. A purchase goes to the latest
 * touch whose window holds it, whichever campaign that touch belongs to; it counts for this campaign only when that
 * touch is this campaign's. A touch is an approved contact, or, for a member this campaign never contacted
 * (control group, refused, never asked), the launch itself: so every member is measured over a window of the same
 * length, and the control group over the window from launch. The launch touches of other campaigns never take a
 * purchase from this one: they stand for a contact that did not happen.
 */
public final class Attribution {

    private Attribution() {}

    /** A moment from which a purchase can be credited to a campaign, for that campaign's number of days. */
    public record Touch(UUID campaignId, Instant at, int windowDays, boolean contact) {

        boolean covers(Instant moment) {
            return !moment.isBefore(at) && !moment.isAfter(at.plus(Duration.ofDays(windowDays)));
        }
    }

    /** A purchase (positive amount) or a return (negative amount) of one customer. */
    public record Purchase(String reference, Instant at, BigDecimal amount, String currency, boolean isReturn) {}

    /** A purchase that counts for the campaign; {@code attributed} when through a contact, not through the launch. */
    public record Credit(Purchase purchase, boolean attributed) {}

    /**
     * Which touch wins a purchase: the latest; at the same instant a contact before a launch, then the smaller
     * campaign id (an arbitrary rule, but the same for every campaign, so no purchase is credited twice).
     */
    static final Comparator<Touch> PRECEDENCE = Comparator.comparing(Touch::at)
            .thenComparing(Touch::contact)
            .thenComparing(touch -> touch.campaignId().toString(), Comparator.reverseOrder());

    /** The campaign's touches on one member: its approved contacts, or its launch when it approved none. */
    public static List<Touch> ownTouches(UUID campaign, Instant launchedAt, int windowDays, List<Instant> approvals) {
        if (approvals.isEmpty()) {
            return List.of(new Touch(campaign, launchedAt, windowDays, false));
        }
        return approvals.stream()
                .map(at -> new Touch(campaign, at, windowDays, true))
                .toList();
    }

    /**
     * The purchases that count for {@code campaign}, given its touches on the customer and the other campaigns'
     * approved contacts with the same customer.
     */
    public static List<Credit> credits(
            UUID campaign, List<Touch> own, List<Touch> otherContacts, List<Purchase> purchases) {
        List<Credit> credits = new ArrayList<>();
        for (Purchase purchase : purchases) {
            Touch winner = latestCovering(purchase.at(), own, null);
            if (winner == null) {
                continue;
            }
            winner = latestCovering(purchase.at(), otherContacts, winner);
            if (winner.campaignId().equals(campaign)) {
                credits.add(new Credit(purchase, winner.contact()));
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
