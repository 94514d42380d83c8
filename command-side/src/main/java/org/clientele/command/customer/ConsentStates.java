package org.clientele.command.customer;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.MergedFacts;

/** The aggregate's memory of each consent: whether it is granted, when it last changed, and when it lapses. */
final class ConsentStates {

    private record Key(Channel channel, ConsentPurpose purpose) {}

    private record State(boolean granted, Instant changedAt, Instant expiresAt) {}

    private final Map<Key, State> states = new HashMap<>();

    /** Granted and not lapsed at that instant. */
    boolean isGranted(Channel channel, ConsentPurpose purpose, Instant at) {
        State state = states.get(new Key(channel, purpose));
        return state != null && state.granted() && (state.expiresAt() == null || at.isBefore(state.expiresAt()));
    }

    /** Whether the consent changed after that instant. */
    boolean changedAfter(Channel channel, ConsentPurpose purpose, Instant at) {
        State state = states.get(new Key(channel, purpose));
        return state != null && state.changedAt().isAfter(at);
    }

    /** A change must not predate the last one, or the ledger would tell a different story than the events. */
    void checkInOrder(Channel channel, ConsentPurpose purpose, Instant effectiveAt) {
        State state = states.get(new Key(channel, purpose));
        if (state != null && effectiveAt.isBefore(state.changedAt())) {
            throw new CustomerRejected(
                    Rejection.CONSENT_CHANGE_OUT_OF_ORDER,
                    "the " + channel + "/" + purpose.value() + " consent last changed at " + state.changedAt()
                            + ", after " + effectiveAt);
        }
    }

    void record(Channel channel, ConsentPurpose purpose, boolean granted, Instant effectiveAt, Instant expiresAt) {
        states.put(new Key(channel, purpose), new State(granted, effectiveAt, expiresAt));
    }

    /** The last state of every consent, for a survivor to take over. */
    java.util.List<MergedFacts.Consent> states() {
        return states.entrySet().stream()
                .map(entry -> new MergedFacts.Consent(
                        entry.getKey().channel(),
                        entry.getKey().purpose(),
                        entry.getValue().granted(),
                        entry.getValue().changedAt()))
                .toList();
    }

    /** A duplicate's consent counts where it is the more recent word. */
    void absorb(MergedFacts.Consent consent) {
        State current = states.get(new Key(consent.channel(), consent.purpose()));
        if (current == null || consent.changedAt().isAfter(current.changedAt())) {
            record(consent.channel(), consent.purpose(), consent.granted(), consent.changedAt(), null);
        }
    }
}
