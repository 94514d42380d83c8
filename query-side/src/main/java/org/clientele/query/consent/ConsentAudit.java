package org.clientele.query.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clientele.events.consent.ConsentChain;
import org.clientele.events.customer.CustomerId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What auditors ask of the consent ledger: was a customer allowed to be contacted on a channel for a purpose on a
 * given date, and on what basis; and has anyone changed the ledger behind the application's back.
 */
@Component
public class ConsentAudit {

    /** The answer for one channel and purpose at one instant, with the change it rests on (null when none). */
    public record Permission(
            String customerId,
            String channel,
            String purpose,
            Instant at,
            boolean allowed,
            String reason,
            ConsentChange basis) {}

    public enum Problem {
        /** The entry's content no longer gives its hash: it was altered. */
        ALTERED,
        /** The entry does not follow the one before it: an entry was removed before it, or this one was inserted. */
        CHAIN_BROKEN
    }

    public record Finding(String customerId, String eventId, long position, Problem problem) {}

    public record Verification(long entriesChecked, long customersChecked, boolean intact, List<Finding> findings) {}

    private final JdbcTemplate jdbc;

    ConsentAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Permission permission(CustomerId customer, String channel, String purpose, Instant at) {
        Optional<ConsentChange> latest = jdbc
                .query(
                        "SELECT " + ConsentLedgerProjection.COLUMNS + " FROM consent_ledger WHERE customer_id = ? "
                                + "AND channel = ? AND purpose = ? AND effective_at <= ? "
                                + "ORDER BY effective_at DESC, position DESC LIMIT 1",
                        ConsentLedgerProjection::map,
                        customer.value(),
                        channel,
                        purpose,
                        java.sql.Timestamp.from(at))
                .stream()
                .findFirst();
        String id = customer.toString();
        if (latest.isEmpty()) {
            return new Permission(id, channel, purpose, at, false, "NO_CONSENT_RECORDED", null);
        }
        ConsentChange change = latest.get();
        if (change.change().equals("WITHDRAWN")) {
            return new Permission(id, channel, purpose, at, false, "WITHDRAWN", change);
        }
        if (change.expiresAt() != null && !at.isBefore(change.expiresAt())) {
            return new Permission(id, channel, purpose, at, false, "EXPIRED", change);
        }
        return new Permission(id, channel, purpose, at, true, "GRANTED", change);
    }

    /** Recomputes every customer's chain from its first entry and names each entry that does not hold. */
    public Verification verify() {
        List<Finding> findings = new ArrayList<>();
        long[] counts = new long[2];
        String[] customer = new String[1];
        String[] expectedPrevious = new String[1];
        jdbc.query(
                "SELECT " + ConsentLedgerProjection.COLUMNS + " FROM consent_ledger ORDER BY customer_id, position",
                rs -> {
                    ConsentChange entry = ConsentLedgerProjection.map(rs, 0);
                    if (!entry.customerId().equals(customer[0])) {
                        customer[0] = entry.customerId();
                        expectedPrevious[0] = ConsentChain.GENESIS;
                        counts[1]++;
                    }
                    counts[0]++;
                    if (!expectedPrevious[0].equals(entry.previousHash())) {
                        findings.add(new Finding(
                                entry.customerId(), entry.eventId(), entry.position(), Problem.CHAIN_BROKEN));
                    }
                    if (entry.previousHash() == null
                            || !entry.computeHash(entry.previousHash()).equals(entry.hash())) {
                        findings.add(
                                new Finding(entry.customerId(), entry.eventId(), entry.position(), Problem.ALTERED));
                    }
                    expectedPrevious[0] = entry.hash() == null ? "" : entry.hash();
                });
        return new Verification(counts[0], counts[1], findings.isEmpty(), findings);
    }
}
