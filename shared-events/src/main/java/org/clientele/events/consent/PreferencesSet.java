package org.clientele.events.consent;

import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;
import org.clientele.events.customer.CustomerId;

/**
 * The customer's own contact preferences, from the preference centre: the channels they prefer (empty for no
 * preference), at most {@code maxMessages} messages per {@code periodDays} days (both absent for no limit), and no
 * message at all before {@code pausedUntil} (absent for no pause). Each change replaces the whole set.
 */
@Revision("1")
public record PreferencesSet(
        CustomerId customerId,
        Set<Channel> preferredChannels,
        Integer maxMessages,
        Integer periodDays,
        Instant pausedUntil,
        Instant effectiveAt) {

    public PreferencesSet {
        preferredChannels = preferredChannels == null ? Set.of() : Set.copyOf(preferredChannels);
    }
}
