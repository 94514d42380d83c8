package org.clientele.query.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.clientele.events.segment.FindLifecyclePhases;
import org.clientele.events.segment.FindSegmentMembers;
import org.clientele.events.segment.LifecyclePhases;
import org.clientele.events.segment.SegmentMembers;
import org.clientele.query.customer.LifecyclePhase;
import org.springframework.stereotype.Component;

/**
 * Answers a campaign launch's question: the customers of one segment as of a date, from the same views and the same
 * code as the segment API.
 */
@Component
class SegmentMembersHandler {

    private final SegmentAnalysis segments;

    SegmentMembersHandler(SegmentAnalysis segments) {
        this.segments = segments;
    }

    @QueryHandler
    SegmentMembers handle(FindSegmentMembers query) {
        List<UUID> members = new ArrayList<>();
        String segment = query.segment().strip().toUpperCase(Locale.ROOT);
        switch (query.view()) {
            case "lifecycle" ->
                segments.lifecycleMembers(
                        query.asOf(),
                        value(LifecyclePhase.class, segment),
                        null,
                        segments.defaults().inactivityBandsMonths(),
                        member -> members.add(member.customerId()));
            case "rfm" ->
                segments.rfmMembers(
                        query.asOf(), null, null, rfm(query.segment()), member -> members.add(member.customerId()));
            case "tiers" ->
                segments.tierMembers(
                        query.asOf(),
                        null,
                        null,
                        segments.defaults().tierQuantiles(),
                        null,
                        value(ValueTiers.class, segment),
                        member -> members.add(member.customerId()));
            default ->
                throw new IllegalArgumentException(
                        "'" + query.view() + "' is not a segment view; one of lifecycle, rfm, tiers");
        }
        return new SegmentMembers(members);
    }

    @QueryHandler
    LifecyclePhases handle(FindLifecyclePhases query) {
        return new LifecyclePhases(segments.phasesOf(query.customerIds(), query.asOf()));
    }

    private static RfmSegment rfm(String text) {
        for (RfmSegment segment : RfmSegment.values()) {
            if (segment.name().equalsIgnoreCase(text.strip()) || segment.label().equalsIgnoreCase(text.strip())) {
                return segment;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an RFM segment; one of "
                + Arrays.stream(RfmSegment.values()).map(Enum::name).toList());
    }

    private static <E extends Enum<E>> E value(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        }
    }
}
