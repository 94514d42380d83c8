package org.clientele.query.segment;

import java.time.Instant;
import java.util.UUID;
import org.clientele.query.customer.CustomerHistory;

/**
 * One customer as the segment views see it as of a date: when it entered the file, and its facts up to then;
 * {@code changeSeq} is the profile row's version, for keeping the in-memory index in step.
 */
record CustomerRecord(
        UUID customerId, Instant registeredAt, Instant erasedAt, CustomerHistory history, long changeSeq) {

    /** When the customer entered the file: its registration, or its first fact when that came earlier. */
    Instant knownSince() {
        Instant first = history.purchases().isEmpty()
                ? null
                : history.purchases().get(0).purchasedAt();
        if (registeredAt == null) {
            return first;
        }
        return first != null && first.isBefore(registeredAt) ? first : registeredAt;
    }
}
