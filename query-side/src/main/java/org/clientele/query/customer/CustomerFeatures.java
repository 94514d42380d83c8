package org.clientele.query.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer's features as of a reference date, computed by one pure function over its history. The live
 * projection, the phase clock, the profile query and any rebuild all call {@link #of}, so they cannot disagree.
 *
 * @param phaseValidUntil the first instant after {@code asOf} at which the passage of time alone may change the
 *                        phase, or {@code null} when only a new fact can
 */
public record CustomerFeatures(
        Instant asOf,
        int purchaseCount,
        Instant firstPurchaseAt,
        Instant lastPurchaseAt,
        Map<Currency, BigDecimal> netSpent,
        int recentPurchases,
        int priorPurchases,
        Instant lastComebackAt,
        boolean churned,
        LifecyclePhase phase,
        Instant phaseValidUntil) {

    public static CustomerFeatures of(CustomerHistory history, Instant asOf, LifecycleSettings settings) {
        List<PurchaseFact> facts = history.purchases().stream()
                .filter(purchase -> !purchase.purchasedAt().isAfter(asOf))
                .toList();
        List<PurchaseFact> purchases =
                facts.stream().filter(fact -> !fact.isReturn()).toList();
        Instant churnedAt =
                history.churnedAt() != null && !history.churnedAt().isAfter(asOf) ? history.churnedAt() : null;

        Map<Currency, BigDecimal> netSpent =
                new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
        for (PurchaseFact fact : facts) {
            netSpent.merge(fact.currency(), fact.amount(), BigDecimal::add);
        }
        Instant first = purchases.isEmpty() ? null : purchases.get(0).purchasedAt();
        Instant last =
                purchases.isEmpty() ? null : purchases.get(purchases.size() - 1).purchasedAt();
        boolean churned = churnedAt != null && (last == null || !last.isAfter(churnedAt));

        // Every window is measured forward from the fact (fact + n months), never backward from asOf: at month ends
        // the two differ, and phaseValidUntil predicts changes forward, so the rules must agree with it.
        int recent = 0;
        int prior = 0;
        for (PurchaseFact purchase : purchases) {
            Instant at = purchase.purchasedAt();
            if (asOf.isBefore(plusMonths(at, settings.decliningWindowMonths()))) {
                recent++;
            } else if (asOf.isBefore(plusMonths(at, 2 * settings.decliningWindowMonths()))) {
                prior++;
            }
        }
        Instant comeback = lastComeback(purchases, churnedAt, settings);

        LifecyclePhase phase =
                LifecycleRules.phase(purchases.size(), last, recent, prior, comeback, churned, asOf, settings);
        Instant validUntil = phaseValidUntil(purchases, last, comeback, churned, asOf, settings);
        return new CustomerFeatures(
                asOf,
                purchases.size(),
                first,
                last,
                Collections.unmodifiableMap(netSpent),
                recent,
                prior,
                comeback,
                churned,
                phase,
                validUntil);
    }

    /**
     * The latest purchase that ended a gap of at least the inactivity period, or that came first after a churn mark.
     */
    private static Instant lastComeback(List<PurchaseFact> purchases, Instant churnedAt, LifecycleSettings settings) {
        Instant comeback = null;
        Instant previous = null;
        boolean afterChurnSeen = false;
        for (PurchaseFact purchase : purchases) {
            Instant at = purchase.purchasedAt();
            boolean afterGap = previous != null && !at.isBefore(plusMonths(previous, settings.inactiveAfterMonths()));
            boolean firstAfterChurn = churnedAt != null && at.isAfter(churnedAt) && !afterChurnSeen;
            if (firstAfterChurn) {
                afterChurnSeen = true;
            }
            if (afterGap || (firstAfterChurn && previous != null)) {
                comeback = at;
            }
            previous = at;
        }
        return comeback;
    }

    private static Instant phaseValidUntil(
            List<PurchaseFact> purchases,
            Instant last,
            Instant comeback,
            boolean churned,
            Instant asOf,
            LifecycleSettings settings) {
        if (churned || last == null) {
            return null;
        }
        List<Instant> candidates = new ArrayList<>();
        candidates.add(plusMonths(last, settings.inactiveAfterMonths()));
        if (comeback != null) {
            candidates.add(plusMonths(comeback, settings.reactivatedForMonths()));
        }
        for (PurchaseFact purchase : purchases) {
            candidates.add(plusMonths(purchase.purchasedAt(), settings.decliningWindowMonths()));
            candidates.add(plusMonths(purchase.purchasedAt(), 2 * settings.decliningWindowMonths()));
        }
        return candidates.stream()
                .filter(candidate -> candidate.isAfter(asOf))
                .min(Instant::compareTo)
                .orElse(null);
    }

    /** Calendar months in UTC: 2024-01-31 plus one month is 2024-02-29. */
    public static Instant plusMonths(Instant instant, int months) {
        return instant.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
    }
}
