package org.clientele.query.customer;

import java.time.Instant;

/** The rule table that names a customer's phase from its features; documented in docs/lifecycle.md. */
final class LifecycleRules {

    private LifecycleRules() {}

    static LifecyclePhase phase(
            int purchaseCount,
            Instant lastPurchaseAt,
            int recentPurchases,
            int priorPurchases,
            Instant lastComebackAt,
            boolean churned,
            Instant asOf,
            LifecycleSettings settings) {
        if (churned) {
            return LifecyclePhase.CHURNED;
        }
        if (purchaseCount == 0) {
            return LifecyclePhase.PROSPECT;
        }
        if (!asOf.isBefore(CustomerFeatures.plusMonths(lastPurchaseAt, settings.inactiveAfterMonths()))) {
            return LifecyclePhase.INACTIVE;
        }
        if (lastComebackAt != null
                && asOf.isBefore(CustomerFeatures.plusMonths(lastComebackAt, settings.reactivatedForMonths()))) {
            return LifecyclePhase.REACTIVATED;
        }
        if (priorPurchases >= settings.decliningMinimumPrior()
                && recentPurchases <= priorPurchases * settings.decliningRatio()) {
            return LifecyclePhase.DECLINING;
        }
        return purchaseCount == 1 ? LifecyclePhase.FIRST_PURCHASE : LifecyclePhase.REPEAT;
    }
}
