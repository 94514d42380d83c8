package org.clientele.query.campaign;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.DeliveryOutcome;
import org.clientele.query.campaign.Attribution.Purchase;
import org.clientele.query.campaign.Attribution.Touch;
import org.clientele.query.campaign.UpliftStatistics.Estimate;

/**
 * The results of one campaign as of a date, for the whole audience, per variant and per launch segment: what the
 * gate decided, what the sending tool reported, who converted and for how much, and the uplift over the control
 * group. One pure function over the campaign's facts; every view of results calls it. Definitions are in
 * docs/campaigns.md.
 *
 * <p>Two measures of revenue, for two questions. The comparison with the control group (conversion, revenue, revenue
 * per head, uplift, incremental revenue) measures every member, treated or control, contacted or not, over the same
 * window from the launch: intention to treat, like with like. The revenue credited to the campaign (attributed
 * revenue, ROI) follows its contacts by last touch ({@link Attribution}). Closing a campaign stops its contacts, not
 * its measurement: the windows run their course, and the figures are final once they all have.
 */
public record CampaignResults(
        String campaignId,
        String name,
        CampaignView.Status status,
        String channel,
        Instant launchedAt,
        Instant closedAt,
        Instant asOf,
        Instant lastWindowEndsAt,
        boolean finalResults,
        int attributionWindowDays,
        String currency,
        CampaignView.Amount cost,
        Group total,
        List<Group> variants,
        List<Group> segments) {

    /** The arm of every member of a campaign without variants. */
    public static final String MAIN = "MAIN";

    /**
     * The members each side of a comparison needs before a verdict is given: under it, the uplift and its interval
     * are shown, and the verdict is {@link Verdict#TOO_SMALL}.
     */
    public static final int MIN_MEMBERS_FOR_VERDICT = 30;

    /**
     * What results on part of the audience (one launch segment) need to know of the whole campaign: its treated
     * members approved at least once, to share its cost, and its latest approval, to know when its last window ends.
     */
    public record WholeCampaign(long approvedTreatedMembers, Instant lastApproval) {}

    /** One audience member with everything the campaign's results need about it, up to the results' date. */
    public record Member(
            UUID customerId,
            String segment,
            String assignment,
            List<Instant> approvals,
            String lastRefusal,
            Set<DeliveryOutcome> outcomes,
            List<Instant> hardBounces,
            List<Touch> otherContacts,
            List<Purchase> purchases) {

        boolean isControl() {
            return AudienceMember.CONTROL.equals(assignment);
        }

        /** The member as known at {@code asOf}: contacts and bounces up to it, purchases from the launch up to it. */
        Member clipped(Instant launchedAt, Instant asOf) {
            return new Member(
                    customerId,
                    segment,
                    assignment,
                    approvals.stream().filter(at -> !at.isAfter(asOf)).toList(),
                    lastRefusal,
                    outcomes,
                    hardBounces.stream().filter(at -> !at.isAfter(asOf)).toList(),
                    otherContacts.stream()
                            .filter(touch -> !touch.at().isAfter(asOf))
                            .toList(),
                    purchases.stream()
                            .filter(purchase -> !purchase.at().isBefore(launchedAt)
                                    && !purchase.at().isAfter(asOf))
                            .toList());
        }
    }

    /**
     * The results of one group of the audience (all of it, one variant, or one launch segment): its treated members
     * ({@code targeted}) against the control members it is compared with ({@code heldOut}).
     */
    public record Group(
            String variant,
            String segment,
            Arm targeted,
            Arm heldOut,
            Uplift uplift,
            Verdict verdict,
            BigDecimal cost,
            Double roi,
            BigDecimal incrementalRevenue,
            Double incrementalRoi) {}

    /**
     * One side of a comparison. Members are counted once each: {@code approved} at least once, else {@code refused}
     * by the reason of their latest refusal, else {@code undecided}; the outcome counts are members with at least
     * one such report ({@code opened} counting a click as an open too). {@code converted}, {@code revenue} and
     * {@code revenuePerHead} measure every member over the window from the launch; {@code attributedRevenue} is what
     * the campaign's contacts are credited with by last touch, over their own windows.
     */
    public record Arm(
            long members,
            long approved,
            Map<String, Long> refused,
            long undecided,
            long sent,
            long delivered,
            long softBounced,
            long hardBounced,
            long opened,
            long clicked,
            long unsubscribed,
            long complained,
            long converted,
            Double conversionRate,
            BigDecimal revenue,
            BigDecimal attributedRevenue,
            BigDecimal revenuePerHead) {}

    /** Treated minus control: conversion rate (6 decimals) and revenue per head (4 decimals), with 95 % CIs. */
    public record Uplift(Estimate conversionRate, Estimate revenuePerHead) {}

    /**
     * What the uplift's intervals say: UNMEASURED when a side has no member (no interval), TOO_SMALL when a side has
     * fewer than {@link #MIN_MEMBERS_FOR_VERDICT}; otherwise WINNER when one interval lies above zero and none below,
     * LOSER the reverse, MIXED when one lies above and the other below, INCONCLUSIVE when both hold zero.
     */
    public enum Verdict {
        WINNER,
        MIXED,
        INCONCLUSIVE,
        LOSER,
        TOO_SMALL,
        UNMEASURED
    }

    /**
     * The results of {@code campaign} over {@code members}.
     *
     * @param asOf the date of the figures: facts up to it count, whether the campaign is closed or not
     * @param currency the currency revenue is counted in; when null, the cost's, else the one most sales were in
     * @param whole when the members are only part of the audience (one segment), what the results need of the whole
     *     campaign; null when they are the whole audience
     */
    public static CampaignResults of(
            CampaignView campaign, List<Member> members, Instant asOf, String currency, WholeCampaign whole) {
        Objects.requireNonNull(campaign.launchedAt(), "a campaign has results once launched");
        UUID id = UUID.fromString(campaign.campaignId());
        Duration window = Duration.ofDays(campaign.attributionWindowDays());
        Instant launch = campaign.launchedAt();
        Instant comparedUntil = launch.plus(window);
        Instant lastApproval = whole != null ? whole.lastApproval() : null;
        List<Measured> measured = new ArrayList<>(members.size());
        for (Member member : members) {
            Member clipped = member.clipped(launch, asOf);
            if (whole == null) {
                for (Instant approval : clipped.approvals()) {
                    lastApproval = lastApproval == null || approval.isAfter(lastApproval) ? approval : lastApproval;
                }
            }
            // the comparison: every member over [launch, launch + window], whatever the gate did and when
            List<Purchase> compared = clipped.purchases().stream()
                    .filter(purchase -> !purchase.at().isAfter(comparedUntil))
                    .toList();
            List<Touch> own = Attribution.touches(
                    id, campaign.attributionWindowDays(), clipped.approvals(), clipped.hardBounces());
            measured.add(new Measured(
                    clipped, compared, Attribution.credits(id, own, clipped.otherContacts(), clipped.purchases())));
        }
        String chosen = currency != null
                ? currency
                : campaign.cost() != null ? campaign.cost().currency() : mostSales(measured);
        int digits = chosen == null ? 2 : Math.max(Currency.getInstance(chosen).getDefaultFractionDigits(), 0);

        Tally treated = new Tally();
        Tally control = new Tally();
        Map<String, Tally> variantTallies = new LinkedHashMap<>();
        campaign.arms().forEach(arm -> variantTallies.put(arm, new Tally()));
        Map<String, Tally[]> segmentTallies = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (Measured entry : measured) {
            Member member = entry.member();
            MemberResult result = MemberResult.of(entry, chosen, digits);
            Tally[] bySegment =
                    segmentTallies.computeIfAbsent(member.segment(), s -> new Tally[] {new Tally(), new Tally()});
            if (member.isControl()) {
                control.add(result);
                bySegment[1].add(result);
            } else {
                treated.add(result);
                bySegment[0].add(result);
                variantTallies
                        .computeIfAbsent(member.assignment(), arm -> new Tally())
                        .add(result);
            }
        }

        Costing costing =
                new Costing(campaign, chosen, whole == null ? null : whole.approvedTreatedMembers(), treated.approved);
        Group total = costing.group(null, null, treated, control, digits, whole == null);
        List<Group> variants = new ArrayList<>();
        variantTallies.forEach((arm, tally) -> variants.add(costing.group(arm, null, tally, control, digits, false)));
        List<Group> segments = new ArrayList<>();
        segmentTallies.forEach((segment, tallies) ->
                segments.add(costing.group(null, segment, tallies[0], tallies[1], digits, false)));
        // the control group's window from the launch, and each contact's: the last one to end
        Instant lastWindowEndsAt =
                lastApproval != null && lastApproval.isAfter(launch) ? lastApproval.plus(window) : comparedUntil;
        return new CampaignResults(
                campaign.campaignId(),
                campaign.name(),
                campaign.status(),
                campaign.channel(),
                launch,
                campaign.closedAt(),
                asOf,
                lastWindowEndsAt,
                campaign.closedAt() != null && asOf.isAfter(lastWindowEndsAt),
                campaign.attributionWindowDays(),
                chosen,
                campaign.cost(),
                total,
                variants,
                segments);
    }

    /** A member, its purchases in the comparison window, and those credited to the campaign. */
    private record Measured(Member member, List<Purchase> compared, List<Purchase> credited) {}

    /**
     * The currency with the most sales (returns aside) in the comparison window or credited; the first in
     * alphabetical order on a tie.
     */
    private static String mostSales(List<Measured> measured) {
        Map<String, BigDecimal> sales = new TreeMap<>();
        for (Measured entry : measured) {
            Set<Purchase> counted = new LinkedHashSet<>(entry.compared());
            counted.addAll(entry.credited());
            for (Purchase purchase : counted) {
                if (!purchase.isReturn()) {
                    sales.merge(purchase.currency(), purchase.amount(), BigDecimal::add);
                }
            }
        }
        String best = null;
        for (var entry : sales.entrySet()) {
            if (best == null || entry.getValue().compareTo(sales.get(best)) > 0) {
                best = entry.getKey();
            }
        }
        return best;
    }

    /** What one member contributes to its arm. */
    private record MemberResult(
            boolean approved,
            String refusal,
            Set<DeliveryOutcome> outcomes,
            boolean converted,
            BigDecimal revenue,
            BigDecimal attributedRevenue) {

        static MemberResult of(Measured measured, String currency, int digits) {
            Member member = measured.member();
            boolean converted = false;
            BigDecimal revenue = BigDecimal.ZERO.setScale(digits);
            for (Purchase purchase : measured.compared()) {
                // a purchase in another currency still converts; it adds nothing to a sum in this currency
                converted |= !purchase.isReturn();
                revenue = revenue.add(inCurrency(purchase, currency, digits));
            }
            BigDecimal attributed = BigDecimal.ZERO.setScale(digits);
            for (Purchase purchase : measured.credited()) {
                attributed = attributed.add(inCurrency(purchase, currency, digits));
            }
            return new MemberResult(
                    !member.approvals().isEmpty(),
                    member.lastRefusal(),
                    member.outcomes(),
                    converted,
                    revenue,
                    attributed);
        }

        private static BigDecimal inCurrency(Purchase purchase, String currency, int digits) {
            return purchase.currency().equals(currency)
                    ? purchase.amount().setScale(digits, RoundingMode.HALF_EVEN)
                    : BigDecimal.ZERO;
        }
    }

    /** The counts and sums of one arm, and each member's revenue for the variance. */
    private static final class Tally {
        long members;
        long approved;
        long undecided;
        long converted;
        long opened;
        final Map<String, Long> refused = new TreeMap<>();
        final Map<DeliveryOutcome, Long> outcomes = new EnumMap<>(DeliveryOutcome.class);
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal attributed = BigDecimal.ZERO;
        double[] perHead = new double[16];

        void add(MemberResult member) {
            if (members == perHead.length) {
                perHead = Arrays.copyOf(perHead, perHead.length * 2);
            }
            perHead[(int) members++] = member.revenue().doubleValue();
            if (member.approved()) {
                approved++;
            } else if (member.refusal() != null) {
                refused.merge(member.refusal(), 1L, Long::sum);
            } else {
                undecided++;
            }
            member.outcomes().forEach(outcome -> outcomes.merge(outcome, 1L, Long::sum));
            // a click without a tracked open (images blocked) is still an open
            opened += member.outcomes().contains(DeliveryOutcome.OPENED)
                            || member.outcomes().contains(DeliveryOutcome.CLICKED)
                    ? 1
                    : 0;
            converted += member.converted() ? 1 : 0;
            revenue = revenue.add(member.revenue());
            attributed = attributed.add(member.attributedRevenue());
        }

        double[] revenues() {
            return Arrays.copyOf(perHead, (int) members);
        }

        Arm arm(int digits) {
            return new Arm(
                    members,
                    approved,
                    Collections.unmodifiableMap(new TreeMap<>(refused)),
                    undecided,
                    count(DeliveryOutcome.SENT),
                    count(DeliveryOutcome.DELIVERED),
                    count(DeliveryOutcome.SOFT_BOUNCE),
                    count(DeliveryOutcome.HARD_BOUNCE),
                    opened,
                    count(DeliveryOutcome.CLICKED),
                    count(DeliveryOutcome.UNSUBSCRIBED),
                    count(DeliveryOutcome.COMPLAINED),
                    converted,
                    members == 0 ? null : UpliftStatistics.round((double) converted / members, 6),
                    revenue.setScale(digits, RoundingMode.HALF_EVEN),
                    attributed.setScale(digits, RoundingMode.HALF_EVEN),
                    members == 0
                            ? null
                            : revenue.divide(BigDecimal.valueOf(members), digits + 2, RoundingMode.HALF_EVEN));
        }

        private long count(DeliveryOutcome outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }
    }

    /**
     * The campaign's cost shared between groups in proportion to their approved members (what a campaign pays for is
     * the messages it sends), and the returns on it.
     */
    private record Costing(CampaignView campaign, String currency, Long approvedInCampaign, long approvedHere) {

        Group group(String variant, String segment, Tally treated, Tally control, int digits, boolean whole) {
            Estimate conversion = UpliftStatistics.proportions(
                            treated.converted, treated.members, control.converted, control.members)
                    .rounded(6);
            Estimate perHead = UpliftStatistics.means(treated.revenues(), control.revenues())
                    .rounded(4);
            BigDecimal incremental = treated.members == 0 || control.members == 0
                    ? null
                    : treated.revenue
                            .subtract(control.revenue
                                    .multiply(BigDecimal.valueOf(treated.members))
                                    .divide(BigDecimal.valueOf(control.members), MathContext.DECIMAL64))
                            .setScale(digits, RoundingMode.HALF_EVEN);
            BigDecimal cost = allocatedCost(treated.approved, whole);
            return new Group(
                    variant,
                    segment,
                    treated.arm(digits),
                    control.arm(digits),
                    new Uplift(conversion, perHead),
                    verdict(conversion, perHead, treated.members, control.members),
                    cost == null ? null : cost.setScale(digits, RoundingMode.HALF_EVEN),
                    returnOn(treated.attributed, cost),
                    incremental,
                    incremental == null ? null : returnOn(incremental, cost));
        }

        private BigDecimal allocatedCost(long approved, boolean whole) {
            CampaignView.Amount cost = campaign.cost();
            if (cost == null || !cost.currency().equals(currency)) {
                return null;
            }
            if (whole) {
                return cost.amount();
            }
            long all = approvedInCampaign == null ? approvedHere : approvedInCampaign;
            return all == 0
                    ? null
                    : cost.amount()
                            .multiply(BigDecimal.valueOf(approved))
                            .divide(BigDecimal.valueOf(all), MathContext.DECIMAL64);
        }

        private static Double returnOn(BigDecimal revenue, BigDecimal cost) {
            if (cost == null || cost.signum() == 0) {
                return null;
            }
            return UpliftStatistics.round(
                    revenue.subtract(cost).divide(cost, MathContext.DECIMAL64).doubleValue(), 4);
        }

        private static Verdict verdict(Estimate conversion, Estimate perHead, long treated, long control) {
            if (conversion.low() == null && perHead.low() == null) {
                return Verdict.UNMEASURED;
            }
            if (treated < MIN_MEMBERS_FOR_VERDICT || control < MIN_MEMBERS_FOR_VERDICT) {
                return Verdict.TOO_SMALL;
            }
            boolean above = conversion.significantlyAbove() || perHead.significantlyAbove();
            boolean below = conversion.significantlyBelow() || perHead.significantlyBelow();
            if (above && below) {
                return Verdict.MIXED;
            }
            return above ? Verdict.WINNER : below ? Verdict.LOSER : Verdict.INCONCLUSIVE;
        }
    }
}
