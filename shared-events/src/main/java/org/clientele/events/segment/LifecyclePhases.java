package org.clientele.events.segment;

import java.util.Map;
import java.util.UUID;

/** Each customer's lifecycle phase name, for those in the file at the date asked. */
public record LifecyclePhases(Map<UUID, String> phases) {

    public LifecyclePhases {
        phases = phases == null ? Map.of() : Map.copyOf(phases);
    }
}
