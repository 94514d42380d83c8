package org.clientele.query.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.clientele.query.customer.LifecyclePhase;

/** What the segment views answer. Every view says the date it is as of, and the window it covers. */
public final class SegmentViews {

    private SegmentViews() {}

    public record Lifecycle(Instant asOf, long customers, List<PhaseCount> phases, List<BandCount> inactivityBands) {}

    public record PhaseCount(LifecyclePhase phase, long customers, double share) {}

    /** INACTIVE customers by months since their last purchase: from {@code fromMonths}, below {@code toMonths}. */
    public record BandCount(String band, int fromMonths, Integer toMonths, long customers) {}

    public record Transitions(Instant from, Instant to, long customers, List<Transition> transitions) {}

    /** {@code fromPhase} is null for customers who were not in the file yet at {@code from}. */
    public record Transition(LifecyclePhase fromPhase, LifecyclePhase toPhase, long customers) {}

    public record Rfm(
            Instant asOf,
            Instant windowStart,
            String currency,
            long customers,
            BigDecimal revenue,
            List<ScoreCut> cuts,
            List<RfmSegmentStats> segments,
            NotScored notScored) {}

    /**
     * The customers with facts in the window but no purchase (returns only): not scored, and their net (negative)
     * revenue, so that {@code revenue + notScored.revenue} is the file's net revenue in the currency.
     */
    public record NotScored(long customers, BigDecimal revenue) {}

    /** The lowest value that reaches each score, per dimension: how the quintiles fell on this file. */
    public record ScoreCut(String dimension, List<String> lowestValueForScore) {}

    public record RfmSegmentStats(
            String segment,
            String label,
            long customers,
            BigDecimal revenue,
            double revenueShare,
            long orders,
            BigDecimal averageBasket) {}

    public record Tiers(
            Instant asOf,
            Instant windowStart,
            String currency,
            String cutBy,
            List<BigDecimal> cutPoints,
            long customers,
            BigDecimal revenue,
            List<TierStats> tiers,
            NotScored notScored) {}

    public record TierStats(
            ValueTiers tier,
            BigDecimal from,
            BigDecimal below,
            long customers,
            BigDecimal revenue,
            double revenueShare) {}

    /** One customer of a list, as the CSV downloads give it. */
    public record SegmentMember(
            UUID customerId,
            String segment,
            Integer recencyScore,
            Integer frequencyScore,
            Integer monetaryScore,
            Instant lastPurchaseAt,
            long orders,
            BigDecimal netValue) {}

    public record Retention(Instant asOf, List<Cohort> cohorts) {}

    /** Customers whose first purchase fell in {@code month}, and the share of them buying k months later. */
    public record Cohort(String month, long customers, List<Double> buyingInMonth) {}

    public record Prospects(Instant asOf, List<ProspectCohort> cohorts) {}

    public record ProspectCohort(String month, long prospects, List<Horizon> after) {}

    /** What a cohort's prospects had become {@code months} later; {@code observed} false when that is after asOf. */
    public record Horizon(
            int months, boolean observed, long stillProspects, long customers, long erased, double conversionRate) {}

    public record RecruitingProducts(Instant asOf, long firstPurchases, List<Product> products) {}

    public record Product(String sku, long customers, double share) {}

    public record Seasonal(Instant asOf, int minYears, int years, List<SeasonalBuyer> buyers) {}

    public record SeasonalBuyer(
            UUID customerId, String sku, String season, List<Integer> years, Instant nextSeasonStarts) {}
}
