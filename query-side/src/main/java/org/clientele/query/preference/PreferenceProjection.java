package org.clientele.query.preference;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.clientele.events.consent.PreferencesSet;
import org.clientele.platform.axon.UnitOfWorkBatch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The preference centre's settings, version by version, so they can be read as of any date. */
@Component
@ProcessingGroup(PreferenceProjection.PROCESSING_GROUP)
public class PreferenceProjection {

    public static final String PROCESSING_GROUP = "customer-preferences";

    /** The settings in force at {@code asOf}; {@code since} is when they were set. */
    public record Preferences(
            String customerId,
            Instant asOf,
            Instant since,
            List<String> preferredChannels,
            Integer maxMessages,
            Integer periodDays,
            Instant pausedUntil,
            boolean paused) {}

    private record Version(
            UUID customerId,
            Instant validFrom,
            String eventId,
            String channels,
            Integer maxMessages,
            Integer periodDays,
            Instant pausedUntil) {}

    private final JdbcTemplate jdbc;

    PreferenceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PreferencesSet event, EventMessage<?> message) {
        UnitOfWorkBatch.<List<Version>>current(PROCESSING_GROUP, ArrayList::new, this::write)
                .add(new Version(
                        event.customerId().value(),
                        event.effectiveAt(),
                        message.getIdentifier(),
                        event.preferredChannels().stream()
                                .map(Enum::name)
                                .sorted()
                                .collect(Collectors.joining(",")),
                        event.maxMessages(),
                        event.periodDays(),
                        event.pausedUntil()));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE preference_version");
    }

    public Optional<Preferences> asOf(UUID customer, Instant asOf) {
        return jdbc
                .query(
                        "SELECT valid_from, preferred_channels, max_messages, period_days, paused_until "
                                + "FROM preference_version WHERE customer_id = ? AND valid_from <= ? "
                                + "ORDER BY valid_from DESC, event_id DESC LIMIT 1",
                        (rs, n) -> {
                            OffsetDateTime paused = rs.getObject(5, OffsetDateTime.class);
                            Instant pausedUntil = paused == null ? null : paused.toInstant();
                            String channels = rs.getString(2);
                            return new Preferences(
                                    customer.toString(),
                                    asOf,
                                    rs.getObject(1, OffsetDateTime.class).toInstant(),
                                    channels.isEmpty() ? List.of() : List.of(channels.split(",")),
                                    (Integer) rs.getObject(3),
                                    (Integer) rs.getObject(4),
                                    pausedUntil,
                                    pausedUntil != null && asOf.isBefore(pausedUntil));
                        },
                        customer,
                        Timestamp.from(asOf))
                .stream()
                .findFirst();
    }

    private void write(List<Version> versions) {
        jdbc.batchUpdate(
                "INSERT INTO preference_version (customer_id, valid_from, event_id, preferred_channels, max_messages, "
                        + "period_days, paused_until) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                versions,
                versions.size(),
                (ps, version) -> {
                    ps.setObject(1, version.customerId());
                    ps.setObject(2, OffsetDateTime.ofInstant(version.validFrom(), ZoneOffset.UTC));
                    ps.setString(3, version.eventId());
                    ps.setString(4, version.channels());
                    ps.setObject(5, version.maxMessages(), Types.INTEGER);
                    ps.setObject(6, version.periodDays(), Types.INTEGER);
                    if (version.pausedUntil() == null) {
                        ps.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        ps.setObject(7, OffsetDateTime.ofInstant(version.pausedUntil(), ZoneOffset.UTC));
                    }
                });
    }
}
