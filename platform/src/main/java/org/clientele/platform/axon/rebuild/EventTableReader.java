package org.clientele.platform.axon.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.postgresql.PGStatement;

/**
 * Reads the event table in global-index order with one streaming cursor, instead of Axon's query per hundred
 * events, and hands the events on in batches sized by count and by bytes. Each event carries the tracking token
 * Axon's own JDBC engine would give it: the same gap bookkeeping (a missing index is a gap while it is younger than
 * the gap timeout and within the maximum gap offset), so a processor that continues from the last token neither
 * skips nor repeats an event. A pass first reads the gaps its token still holds (an append that committed late),
 * then everything past the token.
 */
final class EventTableReader {

    private static final String COLUMNS = "global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data";

    /**
     * What one pass delivers: the decoded events of one batch, the token after the last event read (handed on or
     * not), and how many events were read in all.
     */
    record Batch(List<TrackedEventMessage<?>> events, GapAwareTrackingToken token, long bytes, long read) {}

    private final DataSource dataSource;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final int maxGapOffset;
    private final long gapTimeoutMillis;
    private final int batchEvents;
    private final long batchBytes;
    private final Predicate<SerializedType> wanted;
    private final Consumer<List<String>> beforeDecoding;
    private final Map<String, Boolean> wantedByType = new ConcurrentHashMap<>();

    EventTableReader(
            DataSource dataSource,
            Serializer serializer,
            EventUpcaster upcasters,
            int maxGapOffset,
            long gapTimeoutMillis,
            int batchEvents,
            long batchBytes,
            Predicate<SerializedType> wanted,
            Consumer<List<String>> beforeDecoding) {
        this.wanted = wanted;
        this.beforeDecoding = beforeDecoding;
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.maxGapOffset = maxGapOffset;
        this.gapTimeoutMillis = gapTimeoutMillis;
        this.batchEvents = batchEvents;
        this.batchBytes = batchBytes;
    }

    /**
     * Reads at most {@code limit} events after {@code from} (null: from the start) and hands them to {@code sink}
     * in batches. Returns the number of events read.
     */
    long readPass(GapAwareTrackingToken from, long limit, Consumer<Batch> sink) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // a streaming result set needs a transaction in pgjdbc
            connection.setReadOnly(true);
            try {
                try (var settings = connection.createStatement()) {
                    // stream in index order: with a large LIMIT the planner would rather scan and sort the whole
                    // table first, which at ten million events takes minutes before the first row comes
                    settings.execute("SET LOCAL enable_seqscan = off");
                    settings.execute("SET LOCAL enable_sort = off");
                    settings.execute("SET LOCAL enable_bitmapscan = off");
                }
                Pass pass = new Pass(from, sink);
                if (from != null && !from.getGaps().isEmpty()) {
                    try (PreparedStatement gaps = connection.prepareStatement("SELECT " + COLUMNS
                            + " FROM domain_event_entry WHERE global_index = ANY(?) ORDER BY global_index")) {
                        gaps.setArray(
                                1,
                                connection.createArrayOf(
                                        "bigint", from.getGaps().toArray()));
                        pass.read(gaps);
                    }
                }
                try (PreparedStatement range = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?")) {
                    range.setLong(1, from == null ? -1 : from.getIndex());
                    range.setLong(2, limit);
                    pass.read(range);
                }
                pass.flush();
                return pass.count;
            } finally {
                connection.rollback();
            }
        }
    }

    private final class Pass {
        private final Consumer<Batch> sink;
        private GapAwareTrackingToken token;
        private List<StoredEvent> pending = new ArrayList<>();
        private long pendingBytes;
        private long count;
        /** Events read since the last batch that no projection wants. */
        private int skipped;

        private final Instant gapsAllowedAfter = Instant.now().minusMillis(gapTimeoutMillis);

        Pass(GapAwareTrackingToken from, Consumer<Batch> sink) {
            this.token = from;
            this.sink = sink;
        }

        void read(PreparedStatement statement) throws SQLException {
            statement.setFetchSize(Math.min(batchEvents, 2_000));
            // binary transfer from the first execution: a payload then comes as its bytes, not as hex text to decode
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    add(rows);
                }
            }
        }

        private void add(ResultSet rows) throws SQLException {
            long index = rows.getLong(1);
            String payloadType = rows.getString(7);
            String revision = rows.getString(8);
            Instant timestamp = StoredEvent.parseTimestamp(rows.getString(6));
            boolean allowGaps = timestamp.isAfter(gapsAllowedAfter);
            if (token == null) {
                token = GapAwareTrackingToken.newInstance(
                        index,
                        allowGaps
                                ? LongStream.range(Math.min(1, index), index)
                                        .boxed()
                                        .collect(Collectors.toCollection(TreeSet::new))
                                : Collections.emptySortedSet());
            } else {
                token = token.advanceTo(index, allowGaps ? maxGapOffset : 0);
            }
            count++;
            skipped++;
            // an event no chosen projection handles is neither decoded nor handed on: only its token counts
            // by name and revision as text: a SerializedType key would hash an array at each row
            String key = revision == null ? payloadType : payloadType + '\u0000' + revision;
            if (wantedByType.computeIfAbsent(
                    key, ignored -> wanted.test(new SimpleSerializedType(payloadType, revision)))) {
                String aggregate = rows.getString(3);
                String eventId = rows.getString(5);
                byte[] payload = rows.getBytes(9);
                byte[] metaData = rows.getBytes(10);
                pending.add(new StoredEvent(
                        token,
                        rows.getString(2),
                        eventId.equals(aggregate) ? null : aggregate,
                        rows.getLong(4),
                        eventId,
                        timestamp,
                        payloadType,
                        revision,
                        payload,
                        metaData));
                pendingBytes += payload.length + (metaData == null ? 0 : metaData.length);
                skipped--;
            }
            if (pending.size() >= batchEvents || pendingBytes >= batchBytes || skipped >= batchEvents) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty() && skipped == 0) {
                return;
            }
            // the batch's aggregates at once (their personal-data keys, say), before each event asks for its own
            beforeDecoding.accept(pending.stream()
                    .map(StoredEvent::getAggregateIdentifier)
                    .filter(Objects::nonNull)
                    .toList());
            List<TrackedEventMessage<?>> events = EventUtils.upcastAndDeserializeTrackedEvents(
                            pending.stream(), serializer, upcasters)
                    .collect(Collectors.toCollection(ArrayList::new));
            // decode here, on the reading thread, so that the writing thread only applies
            events.forEach(TrackedEventMessage::getPayload);
            events.forEach(TrackedEventMessage::getMetaData);
            sink.accept(new Batch(events, token, pendingBytes, pending.size() + skipped));
            pending = new ArrayList<>();
            pendingBytes = 0;
            skipped = 0;
        }
    }
}
