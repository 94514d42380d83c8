package org.clientele.events.segment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The lifecycle phase of each of these customers as of a date: what a campaign launched on an explicit list records
 * as each member's segment. Answered by the read side with {@link LifecyclePhases}.
 */
public record FindLifecyclePhases(List<UUID> customerIds, Instant asOf) {

    public FindLifecyclePhases {
        customerIds = List.copyOf(customerIds);
    }
}
