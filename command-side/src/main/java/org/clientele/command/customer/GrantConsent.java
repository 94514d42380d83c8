package org.clientele.command.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.consent.ConsentSource;
import org.clientele.events.consent.LegalBasis;
import org.clientele.events.customer.CustomerId;

/** Record that a customer agreed to be contacted on a channel for a purpose. */
public record GrantConsent(
        @TargetAggregateIdentifier CustomerId customerId,
        Channel channel,
        ConsentPurpose purpose,
        ConsentSource source,
        LegalBasis legalBasis,
        Instant effectiveAt,
        String proofReference,
        Instant expiresAt) {

    public GrantConsent(
            CustomerId customerId,
            Channel channel,
            ConsentPurpose purpose,
            ConsentSource source,
            LegalBasis legalBasis,
            Instant effectiveAt) {
        this(customerId, channel, purpose, source, legalBasis, effectiveAt, null, null);
    }
}
