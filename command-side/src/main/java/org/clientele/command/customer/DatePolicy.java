package org.clientele.command.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Facts are recorded when they happened, which cannot be later than now. */
final class DatePolicy {

    /** Allows for a caller whose clock runs a little ahead of ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private DatePolicy() {}

    /** The given date, or now when none was given; refused when it lies in the future. */
    static Instant occurredAt(Instant given, Clock clock, String what) {
        Instant now = clock.instant();
        if (given == null) {
            return now;
        }
        if (given.isAfter(now.plus(CLOCK_SKEW))) {
            throw new CustomerRejected(Rejection.DATE_IN_FUTURE, what + " " + given + " is in the future");
        }
        return given;
    }
}
