package org.clientele.query.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * When a customer entered each lifecycle phase and when it left it, up to a date. Computed by walking
 * {@link CustomerFeatures#of} through the only instants at which a phase can change: the customer's facts (purchases,
 * returns, the churn mark) and the instants the features announce ({@code phaseValidUntil}). So the history and the
 * phase as of any date come from the same code, and cannot disagree.
 */
public record PhaseHistory(List<Period> periods) {

    /** One stay in a phase: from {@code enteredAt} (included) until {@code leftAt} (excluded; null: still in it). */
    public record Period(LifecyclePhase phase, Instant enteredAt, Instant leftAt) {}

    public PhaseHistory {
        periods = List.copyOf(periods);
    }

    /**
     * @param knownSince when the customer entered the file (registration); the first fact when absent or later
     * @param until      the last instant to look at, usually now
     */
    public static PhaseHistory of(
            CustomerHistory history, Instant knownSince, Instant until, LifecycleSettings settings) {
        TreeSet<Instant> factTimes = new TreeSet<>();
        history.purchases().forEach(fact -> factTimes.add(fact.purchasedAt()));
        if (history.churnedAt() != null) {
            factTimes.add(history.churnedAt());
        }
        Instant start = knownSince;
        if (!factTimes.isEmpty() && (start == null || factTimes.first().isBefore(start))) {
            start = factTimes.first();
        }
        if (start == null || start.isAfter(until)) {
            return new PhaseHistory(List.of());
        }
        List<Period> periods = new ArrayList<>();
        Instant at = start;
        CustomerFeatures features = CustomerFeatures.of(history, at, settings);
        LifecyclePhase phase = features.phase();
        Instant enteredAt = at;
        while (true) {
            Instant nextFact = factTimes.higher(at);
            Instant next = earliest(nextFact, features.phaseValidUntil());
            if (next == null || next.isAfter(until)) {
                break;
            }
            at = next;
            features = CustomerFeatures.of(history, at, settings);
            if (features.phase() != phase) {
                periods.add(new Period(phase, enteredAt, at));
                phase = features.phase();
                enteredAt = at;
            }
        }
        periods.add(new Period(phase, enteredAt, null));
        return new PhaseHistory(periods);
    }

    /** The phase at an instant, or null before the customer was known. */
    public LifecyclePhase phaseAt(Instant instant) {
        for (Period period : periods) {
            if (!instant.isBefore(period.enteredAt())
                    && (period.leftAt() == null || instant.isBefore(period.leftAt()))) {
                return period.phase();
            }
        }
        return null;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
