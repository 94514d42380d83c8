package org.clientele.command.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Facts are recorded when they happened, which cannot be later than now. */
final class DatePolicy {

    /** Allows for a caller whose clock runs a little ahead of ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private DatePolicy() {}

    /**
     * The given date, or now when none was given; refused when it lies in the future. Kept to the microsecond, the
     * precision of every view (PostgreSQL's), so that a fact reads back exactly as it was recorded.
     */
    static Instant occurredAt(Instant given, Clock clock, String what) {
        Instant now = clock.instant();
        if (given == null) {
            return now.truncatedTo(ChronoUnit.MICROS);
        }
        if (given.isAfter(now.plus(CLOCK_SKEW))) {
            throw new CustomerRejected(Rejection.DATE_IN_FUTURE, what + " " + given + " is in the future");
        }
        return given.truncatedTo(ChronoUnit.MICROS);
    }
}
