package org.clientele.query.profile;

import java.time.Instant;
import java.util.List;
import org.clientele.query.customer.LifecyclePhase;

/** One page of customers. */
public record CustomerPage(List<Summary> items, int page, int size, long totalItems, long totalPages) {

    public record Summary(
            String customerId,
            String firstName,
            String lastName,
            String email,
            LifecyclePhase phase,
            int purchaseCount,
            Instant lastPurchaseAt) {}
}
