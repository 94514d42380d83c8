package org.clientele.events.consent;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.privacy.PersonalData;

/**
 * A customer agreed to be contacted on a channel for a purpose. {@code proofReference} points at the evidence (a
 * signed form, a double opt-in message); after {@code expiresAt}, when given, the consent lapses by itself.
 */
@Revision("1")
public record ConsentGranted(
        CustomerId customerId,
        Channel channel,
        ConsentPurpose purpose,
        ConsentSource source,
        LegalBasis legalBasis,
        Instant effectiveAt,
        @PersonalData String proofReference,
        Instant expiresAt) {

    public ConsentGranted(
            CustomerId customerId,
            Channel channel,
            ConsentPurpose purpose,
            ConsentSource source,
            LegalBasis legalBasis,
            Instant effectiveAt) {
        this(customerId, channel, purpose, source, legalBasis, effectiveAt, null, null);
    }
}
