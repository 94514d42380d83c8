package org.clientele.query.consent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.clientele.events.consent.ConsentGranted;
import org.clientele.events.consent.ConsentWithdrawn;
import org.clientele.events.metadata.MessageMetadata;
import org.clientele.query.support.UnitOfWorkBatch;
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
                event.effectiveAt());
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
                event.effectiveAt());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE consent_ledger");
    }

    @QueryHandler
    List<ConsentChange> handle(FindConsentHistory query) {
        return jdbc.query(
                "SELECT position, event_id, customer_id, change, channel, purpose, source, legal_basis, "
                        + "effective_at, recorded_at, user_name, source_system, correlation_id FROM consent_ledger "
                        + "WHERE customer_id = ? ORDER BY position",
                (rs, n) -> new ConsentChange(
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
                        rs.getString(13)),
                query.customerId().value());
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
            Instant effectiveAt) {
        MetaData metaData = message.getMetaData();
        long position = token.position()
                .orElseThrow(() ->
                        new IllegalStateException("a tracked event without a position: " + message.getIdentifier()));
        batch().add(new ConsentChange(
                position,
                message.getIdentifier(),
                customerId,
                change,
                channel,
                purpose,
                source,
                legalBasis == null ? null : legalBasis.name(),
                effectiveAt,
                recordedAt,
                (String) metaData.get(MessageMetadata.USER),
                (String) metaData.get(MessageMetadata.SOURCE_SYSTEM),
                (String) metaData.get(MessageMetadata.CORRELATION_ID)));
    }

    private List<ConsentChange> batch() {
        return UnitOfWorkBatch.current(PROCESSING_GROUP, ArrayList::new, this::write);
    }

    private void write(List<ConsentChange> changes) {
        jdbc.batchUpdate(
                "INSERT INTO consent_ledger (position, event_id, customer_id, change, channel, purpose, "
                        + "source, legal_basis, effective_at, recorded_at, user_name, source_system, correlation_id) "
                        + "VALUES (?,?,?::uuid,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (event_id) DO NOTHING",
                changes,
                changes.size(),
                (ps, change) -> {
                    ps.setLong(1, change.position());
                    ps.setString(2, change.eventId());
                    ps.setString(3, change.customerId());
                    ps.setString(4, change.change());
                    ps.setString(5, change.channel());
                    ps.setString(6, change.purpose());
                    ps.setString(7, change.source());
                    ps.setString(8, change.legalBasis());
                    ps.setObject(9, OffsetDateTime.ofInstant(change.effectiveAt(), ZoneOffset.UTC));
                    ps.setObject(10, OffsetDateTime.ofInstant(change.recordedAt(), ZoneOffset.UTC));
                    ps.setString(11, change.user());
                    ps.setString(12, change.sourceSystem());
                    ps.setString(13, change.correlationId());
                });
    }
}
