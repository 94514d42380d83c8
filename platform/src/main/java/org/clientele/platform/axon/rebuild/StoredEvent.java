package org.clientele.platform.axon.rebuild;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

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
        if (text.length() != 24
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != '.'
                || text.charAt(23) != 'Z') {
            return DateTimeUtils.parseInstant(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || millis < 0
                || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return DateTimeUtils.parseInstant(text);
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The number written at {@code from}, or -1 if a character there is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
