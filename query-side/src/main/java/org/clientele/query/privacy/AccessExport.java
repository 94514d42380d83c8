package org.clientele.query.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.clientele.platform.privacy.CryptoShreddingSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The right of access: everything held on one person. The views answer the profile and the consent history; the
 * purchases come from their view; and every event of the person's stream is given as recorded, in readable JSON.
 */
@Component
public class AccessExport {

    /** One purchase or return, as the views keep it. */
    public record Purchase(String orderReference, Instant at, BigDecimal amount, String currency, String kind) {}

    /** One fact of the person's history, as the event store holds it. */
    public record RecordedEvent(
            long sequence, String type, String revision, String recordedAt, JsonNode payload, JsonNode metadata) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final CryptoShreddingSerializer serializer;

    AccessExport(JdbcTemplate jdbc, ObjectMapper json, CryptoShreddingSerializer serializer) {
        this.jdbc = jdbc;
        this.json = json;
        this.serializer = serializer;
    }

    public List<Purchase> purchases(UUID customer) {
        return jdbc.query(
                "SELECT order_reference, purchased_at, amount, currency, kind FROM customer_purchase "
                        + "WHERE customer_id = ? ORDER BY purchased_at, order_reference",
                (rs, n) -> new Purchase(
                        rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getBigDecimal(3),
                        rs.getString(4).trim(),
                        rs.getString(5)),
                customer);
    }

    /**
     * The person's own stream in the event store, oldest first, each payload as readable JSON: its personal parts
     * decrypted, or {@code [erased]} after an erasure.
     */
    public List<RecordedEvent> events(UUID customer) {
        return jdbc.query(
                "SELECT sequence_number, payload_type, payload_revision, time_stamp, payload, meta_data "
                        + "FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, n) -> new RecordedEvent(
                        rs.getLong(1),
                        rs.getString(2).substring(rs.getString(2).lastIndexOf('.') + 1),
                        rs.getString(3),
                        rs.getString(4),
                        serializer.readable(rs.getBytes(5), rs.getString(2), rs.getString(3)),
                        tree(rs.getBytes(6))),
                customer.toString());
    }

    private JsonNode tree(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
