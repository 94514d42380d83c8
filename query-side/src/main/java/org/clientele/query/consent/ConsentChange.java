package org.clientele.query.consent;

import java.time.Instant;

/** One entry of the consent ledger: a change, its facts and who made it through which system. */
public record ConsentChange(
        long position,
        String eventId,
        String customerId,
        String change,
        String channel,
        String purpose,
        String source,
        String legalBasis,
        Instant effectiveAt,
        Instant recordedAt,
        String user,
        String sourceSystem,
        String correlationId) {}
