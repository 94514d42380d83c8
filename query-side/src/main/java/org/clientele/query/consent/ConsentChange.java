package org.clientele.query.consent;

import java.time.Instant;
import org.clientele.events.consent.ConsentChain;

/**
 * One entry of the consent ledger: a change, its facts, who made it through which system, and its link in the
 * customer's tamper-evident chain.
 */
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
        String correlationId,
        String proofReference,
        Instant expiresAt,
        String previousHash,
        String hash) {

    /** The hash this entry's content gives after the given previous hash. */
    String computeHash(String previous) {
        return ConsentChain.hash(
                previous,
                customerId,
                change,
                channel,
                purpose,
                source,
                legalBasis,
                effectiveAt,
                proofReference,
                expiresAt);
    }

    ConsentChange chainedTo(String previous) {
        return new ConsentChange(
                position,
                eventId,
                customerId,
                change,
                channel,
                purpose,
                source,
                legalBasis,
                effectiveAt,
                recordedAt,
                user,
                sourceSystem,
                correlationId,
                proofReference,
                expiresAt,
                previous,
                computeHash(previous));
    }
}
