package org.clientele.events.segment;

import java.util.List;
import java.util.UUID;

/** The customers of a segment, as the read side answered {@link FindSegmentMembers}. */
public record SegmentMembers(List<UUID> customerIds) {

    public SegmentMembers {
        customerIds = customerIds == null ? List.of() : List.copyOf(customerIds);
    }
}
