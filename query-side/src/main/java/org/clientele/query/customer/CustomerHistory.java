package org.clientele.query.customer;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The facts about one customer that its features are computed from: its purchases and its last churn mark. */
public record CustomerHistory(List<PurchaseFact> purchases, Instant churnedAt) {

    public CustomerHistory {
        purchases = purchases.stream()
                .sorted(Comparator.comparing(PurchaseFact::purchasedAt).thenComparing(PurchaseFact::orderReference))
                .toList();
    }
}
