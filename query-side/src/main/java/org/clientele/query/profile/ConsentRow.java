package org.clientele.query.profile;

import java.time.Instant;
import java.util.UUID;

/** The current state of one consent of one customer. */
record ConsentRow(
        UUID customerId,
        String channel,
        String purpose,
        boolean granted,
        String source,
        String legalBasis,
        Instant changedAt) {}
