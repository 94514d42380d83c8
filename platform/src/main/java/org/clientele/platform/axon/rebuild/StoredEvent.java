package org.clientele.platform.axon.rebuild;

import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.clientele.platform.axon.IsoInstants;

/**
 * One row of the event table as the rebuild reads it: Axon's {@code GenericDomainEventEntry} and
 * {@code TrackedDomainEventData} in one, with the timestamp parsed once, and quickly, instead of by
 * {@code DateTimeFormatter} each time it is asked for.
 */
record StoredEvent(
        TrackingToken trackingToken,
        String type,
        String aggregateIdentifier,
        long sequenceNumber,
        String eventIdentifier,
        Instant timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metaData)
        implements DomainEventData<byte[]>, TrackedEventData<byte[]> {

    @Override
    public TrackingToken trackingToken() {
        return trackingToken;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public String getAggregateIdentifier() {
        return aggregateIdentifier;
    }

    @Override
    public long getSequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public String getEventIdentifier() {
        return eventIdentifier;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<byte[]> getMetaData() {
        return new SerializedMetaData<>(metaData, byte[].class);
    }

    @Override
    public SerializedObject<byte[]> getPayload() {
        return new SimpleSerializedObject<>(
                payload, byte[].class, new SimpleSerializedType(payloadType, payloadRevision));
    }

    /**
     * Reads the stored form Axon writes ({@code 2026-12-07T23:41:05.123Z}, in UTC with milliseconds) by position,
     * and anything else through Axon's own parser.
     */
    static Instant parseTimestamp(String text) {
        Instant quick = IsoInstants.parseStrict(text);
        return quick != null ? quick : DateTimeUtils.parseInstant(text);
    }
}
