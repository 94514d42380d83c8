package org.clientele.query.consent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.clientele.events.consent.ConsentChain;
import org.clientele.events.consent.ConsentGranted;
import org.clientele.events.consent.ConsentWithdrawn;
import org.clientele.events.customer.CustomerErased;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.metadata.MessageMetadata;
import org.clientele.events.privacy.Erased;
import org.clientele.platform.axon.UnitOfWorkBatch;
import org.clientele.platform.database.CopyInsert;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The consent ledger: every consent change with its metadata, in order, for the audit team. A processing group of
 * its own, so the ledger can be rebuilt without touching the other views.
 */
@Component
@ProcessingGroup(ConsentLedgerProjection.PROCESSING_GROUP)
public class ConsentLedgerProjection {

    public static final String PROCESSING_GROUP = "consent-ledger";

    private final JdbcTemplate jdbc;

    ConsentLedgerProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConsentGranted event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        record(
                message,
                token,
                recordedAt,
                event.customerId().toString(),
                "GRANTED",
                event.channel().name(),
                event.purpose().value(),
                event.source().value(),
                event.legalBasis(),
                event.effectiveAt(),
                event.proofReference(),
                event.expiresAt());
    }

    @EventHandler
    void on(ConsentWithdrawn event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        record(
                message,
                token,
                recordedAt,
                event.customerId().toString(),
                "WITHDRAWN",
                event.channel().name(),
                event.purpose().value(),
                event.source().value(),
                event.legalBasis(),
                event.effectiveAt(),
                null,
                null);
    }

    /**
     * An erased person's proofs become {@code [erased]}, as a replay would read them, and their chain is sealed anew
     * over that content, so that verifying it still proves nothing else was touched.
     */
    @EventHandler
    void on(CustomerErased event) {
        for (CustomerId erased : event.erasedCustomers()) {
            batch().erased.add(erased.toString());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE consent_ledger");
    }

    @QueryHandler
    List<ConsentChange> handle(FindConsentHistory query) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM consent_ledger WHERE customer_id = ? ORDER BY position",
                ConsentLedgerProjection::map,
                query.customerId().value());
    }

    static final String COLUMNS = "position, event_id, customer_id, change, channel, purpose, source, legal_basis, "
            + "effective_at, recorded_at, user_name, source_system, correlation_id, proof_reference, expires_at, "
            + "previous_hash, hash";
    private static final List<String> COLUMN_LIST = List.of(COLUMNS.split(", "));

    static ConsentChange map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        OffsetDateTime expires = rs.getObject(15, OffsetDateTime.class);
        return new ConsentChange(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getObject(9, OffsetDateTime.class).toInstant(),
                rs.getObject(10, OffsetDateTime.class).toInstant(),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                expires == null ? null : expires.toInstant(),
                rs.getString(16),
                rs.getString(17));
    }

    private void record(
            EventMessage<?> message,
            TrackingToken token,
            Instant recordedAt,
            String customerId,
            String change,
            String channel,
            String purpose,
            String source,
            Enum<?> legalBasis,
            Instant effectiveAt,
            String proofReference,
            Instant expiresAt) {
        MetaData metaData = message.getMetaData();
        long position = token.position()
                .orElseThrow(() ->
                        new IllegalStateException("a tracked event without a position: " + message.getIdentifier()));
        batch().changes
                .add(new ConsentChange(
                        position,
                        message.getIdentifier(),
                        customerId,
                        change,
                        channel,
                        purpose,
                        source,
                        legalBasis == null ? null : legalBasis.name(),
                        asStored(effectiveAt),
                        asStored(recordedAt),
                        (String) metaData.get(MessageMetadata.USER),
                        (String) metaData.get(MessageMetadata.SOURCE_SYSTEM),
                        (String) metaData.get(MessageMetadata.CORRELATION_ID),
                        proofReference,
                        asStored(expiresAt),
                        null,
                        null));
    }

    /**
     * An instant as the ledger's table will hold it: PostgreSQL keeps microseconds and rounds the rest (half up).
     * The hash is computed over that value, so that it still matches once the row is read back.
     */
    static Instant asStored(Instant instant) {
        return instant == null ? null : instant.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** What one unit of work collected: the changes in order, and the customers erased after them. */
    private static final class Batch {
        final List<ConsentChange> changes = new ArrayList<>();
        final Set<String> erased = new LinkedHashSet<>();
    }

    private Batch batch() {
        return UnitOfWorkBatch.current(PROCESSING_GROUP, Batch::new, this::write);
    }

    private void write(Batch batch) {
        if (!batch.changes.isEmpty()) {
            insert(batch.changes);
        }
        if (!batch.erased.isEmpty()) {
            erase(batch.erased);
        }
    }

    private void erase(Set<String> customers) {
        Object ids = customers.toArray(String[]::new);
        jdbc.update(
                "UPDATE consent_ledger SET proof_reference = ? WHERE customer_id = ANY(?::uuid[]) "
                        + "AND proof_reference IS NOT NULL",
                Erased.TEXT,
                ids);
        List<ConsentChange> entries = jdbc.query(
                "SELECT " + COLUMNS + " FROM consent_ledger WHERE customer_id = ANY(?::uuid[]) "
                        + "ORDER BY customer_id, position",
                ConsentLedgerProjection::map,
                ids);
        Map<String, String> lastHash = new HashMap<>();
        List<ConsentChange> rechained = new ArrayList<>(entries.size());
        for (ConsentChange entry : entries) {
            ConsentChange linked = entry.chainedTo(lastHash.getOrDefault(entry.customerId(), ConsentChain.GENESIS));
            lastHash.put(entry.customerId(), linked.hash());
            rechained.add(linked);
        }
        jdbc.batchUpdate(
                "UPDATE consent_ledger SET previous_hash = ?, hash = ? WHERE event_id = ?",
                rechained,
                rechained.size(),
                (ps, entry) -> {
                    ps.setString(1, entry.previousHash());
                    ps.setString(2, entry.hash());
                    ps.setString(3, entry.eventId());
                });
    }

    /** Chains each change to the customer's previous one, then writes the batch in one statement. */
    private void insert(List<ConsentChange> changes) {
        Map<String, String> lastHash = new HashMap<>();
        jdbc.query(
                "SELECT DISTINCT ON (customer_id) customer_id, hash FROM consent_ledger WHERE customer_id = ANY(?) "
                        + "ORDER BY customer_id, position DESC",
                ps -> ps.setArray(
                        1,
                        ps.getConnection()
                                .createArrayOf(
                                        "uuid",
                                        changes.stream()
                                                .map(ConsentChange::customerId)
                                                .distinct()
                                                .toArray())),
                rs -> {
                    lastHash.put(rs.getString(1), rs.getString(2));
                });
        List<ConsentChange> chained = new ArrayList<>(changes.size());
        for (ConsentChange change : changes) {
            ConsentChange linked = change.chainedTo(lastHash.getOrDefault(change.customerId(), ConsentChain.GENESIS));
            lastHash.put(change.customerId(), linked.hash());
            chained.add(linked);
        }
        // COPY, several times quicker than a batch of INSERTs; a change already in the ledger is skipped as before
        CopyInsert.insert(
                jdbc.getDataSource(),
                "consent_ledger",
                COLUMN_LIST,
                chained,
                (change, row) -> row.add(change.position())
                        .add(change.eventId())
                        .add(change.customerId())
                        .add(change.change())
                        .add(change.channel())
                        .add(change.purpose())
                        .add(change.source())
                        .add(change.legalBasis())
                        .add(change.effectiveAt())
                        .add(change.recordedAt())
                        .add(change.user())
                        .add(change.sourceSystem())
                        .add(change.correlationId())
                        .add(change.proofReference())
                        .add(change.expiresAt())
                        .add(change.previousHash())
                        .add(change.hash()));
    }
}
