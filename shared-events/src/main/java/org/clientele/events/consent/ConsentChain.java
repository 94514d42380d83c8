package org.clientele.events.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The tamper-evident chain of a customer's consent changes: each entry's hash covers its content and the hash of the
 * entry before it, so an entry altered, removed or inserted behind the application's back breaks the chain from there.
 */
public final class ConsentChain {

    /** The "previous hash" of a customer's first consent change. */
    public static final String GENESIS = "0".repeat(64);

    private ConsentChain() {}

    /**
     * Instants at the precision the ledger keeps them (PostgreSQL's microseconds): an entry hashed with the event's
     * nanoseconds would otherwise never verify once stored.
     */
    private static String micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    public static String hash(
            String previousHash,
            String customerId,
            String change,
            String channel,
            String purpose,
            String source,
            String legalBasis,
            Instant effectiveAt,
            String proofReference,
            Instant expiresAt) {
        // a field separator no value can contain, and "" for absent values, so that no two entries share a text
        String content = String.join(
                "\u001f",
                previousHash,
                customerId,
                change,
                channel,
                purpose,
                source,
                legalBasis == null ? "" : legalBasis,
                micros(effectiveAt),
                proofReference == null ? "" : proofReference,
                expiresAt == null ? "" : micros(expiresAt));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
