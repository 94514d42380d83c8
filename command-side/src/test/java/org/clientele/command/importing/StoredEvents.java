package org.clientele.command.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.platform.privacy.CryptoShreddingSerializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an import left in the event store and in its own tables, read with SQL rather than through the code under
 * test. Each test imports under a source of its own, so it reads only the customers registered from that source.
 */
final class StoredEvents {

    /** One event as stored, its metadata left out: two runs that did the same have the same stored events. */
    record StoredEvent(String aggregateId, String type, String payload) {

        String simpleType() {
            return type.substring(type.lastIndexOf('.') + 1);
        }

        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored payload is not JSON: " + payload, e);
            }
        }
    }

    record Rejection(long lineNumber, String reason) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final CryptoShreddingSerializer serializer;

    StoredEvents(JdbcTemplate jdbc, CryptoShreddingSerializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * Every event of every customer that was registered from this source, in the order they were stored, with its
     * personal parts decrypted (they are stored encrypted, with a fresh nonce each time).
     */
    List<StoredEvent> ofSource(String source) {
        return jdbc.query(
                """
                        SELECT aggregate_identifier, payload_type, payload_revision, payload
                        FROM domain_event_entry
                        WHERE aggregate_identifier IN (
                            SELECT aggregate_identifier FROM domain_event_entry
                            WHERE payload_type = ?
                              AND convert_from(payload, 'UTF8')::jsonb #>> '{origin,source}' = ?)
                        ORDER BY global_index""",
                (rs, n) -> new StoredEvent(
                        rs.getString(1),
                        rs.getString(2),
                        serializer
                                .readable(rs.getBytes(4), rs.getString(2), rs.getString(3))
                                .toString()),
                ContactRegistered.class.getName(),
                source);
    }

    List<StoredEvent> ofSource(String source, Class<?> type) {
        return ofSource(source).stream()
                .filter(event -> event.type().equals(type.getName()))
                .toList();
    }

    List<Rejection> rejections(UUID jobId) {
        return jdbc.query(
                "SELECT line_number, reason FROM import_rejection WHERE job_id = ? ORDER BY line_number",
                (rs, n) -> new Rejection(rs.getLong(1), rs.getString(2)),
                jobId);
    }
}
