package org.clientele.events.segment;

import java.time.Instant;
import java.util.Objects;

/**
 * The query a campaign launch sends to freeze its audience: the customers of one segment of one segment view, as of
 * a date. {@code view} is {@code lifecycle} (segment: a phase), {@code rfm} (a segment code such as AT_RISK) or
 * {@code tiers} (SMALL, MEDIUM, LARGE, VERY_LARGE). Answered by the read side with {@link SegmentMembers}.
 */
public record FindSegmentMembers(String view, String segment, Instant asOf) {

    public FindSegmentMembers {
        Objects.requireNonNull(view, "view is required");
        Objects.requireNonNull(segment, "segment is required");
        Objects.requireNonNull(asOf, "asOf is required");
    }

    /** How the segment reads in an audience: "rfm AT_RISK". */
    public String label() {
        return view + " " + segment;
    }
}
