package org.clientele.command.customer;

import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.consent.Channel;
import org.clientele.events.customer.CustomerId;

/** Record the customer's contact preferences from the preference centre; the whole set is replaced. */
public record SetPreferences(
        @TargetAggregateIdentifier CustomerId customerId,
        Set<Channel> preferredChannels,
        Integer maxMessages,
        Integer periodDays,
        Instant pausedUntil,
        Instant effectiveAt) {}
