package org.clientele.events.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.purchase.OrderReference;

/**
 * What a survivor takes over from a merged duplicate: its orders and returns, and the last state of each of its
 * consents. Carried by the merge event itself, so that every view can rebuild the merge from the survivor's stream.
 */
public record MergedFacts(List<Order> orders, List<Consent> consents) {

    public MergedFacts {
        orders = orders == null ? List.of() : List.copyOf(orders);
        consents = consents == null ? List.of() : List.copyOf(consents);
    }

    /** A purchase, or a return when {@code isReturn} (its amount is then the refund, positive). */
    public record Order(OrderReference reference, Instant at, BigDecimal amount, Currency currency, boolean isReturn) {}

    public record Consent(Channel channel, ConsentPurpose purpose, boolean granted, Instant changedAt) {}
}
