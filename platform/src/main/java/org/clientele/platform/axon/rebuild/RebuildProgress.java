package org.clientele.platform.axon.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a shadow rebuild stands: its position in the event store against the head, the rate since it started (or
 * resumed) in this process, and the time left at that rate.
 */
public record RebuildProgress(
        List<String> projections,
        State state,
        Instant startedAt,
        long position,
        long head,
        long events,
        long eventsThisRun,
        long eventsPerSecond,
        Long secondsLeft,
        Instant finishedAt,
        String error) {

    public enum State {
        /** Reading the event store into the shadow tables; the live views serve. */
        CATCHING_UP,
        /** Making the shadow tables logged and analysing them. */
        MAKING_DURABLE,
        /** Pausing the live processors, applying the last events and exchanging the tables. */
        SWITCHING,
        /** Queries read the new generation. */
        DONE,
        /** Stopped by a failure; the live views are as they were. */
        FAILED
    }

    static RebuildProgress started(List<String> projections, long head) {
        return new RebuildProgress(
                List.copyOf(projections), State.CATCHING_UP, Instant.now(), 0, head, 0, 0, 0, null, null, null);
    }

    RebuildProgress resumed(long eventsSoFar, long from) {
        return new RebuildProgress(projections, state, startedAt, from, head, eventsSoFar, 0, 0, null, null, null);
    }

    RebuildProgress advanced(long newPosition, long newEvents, long newHead) {
        long run = eventsThisRun + newEvents;
        long millis = Math.max(1, Duration.between(startedAt, Instant.now()).toMillis());
        long rate = run * 1000 / millis;
        // events still to read: roughly the distance to the head (an index holds at most one event)
        Long left = rate == 0 ? null : Math.max(0, newHead - newPosition) / rate;
        return new RebuildProgress(
                projections, state, startedAt, newPosition, newHead, events + newEvents, run, rate, left, null, null);
    }

    RebuildProgress state(State next) {
        return new RebuildProgress(
                projections,
                next,
                startedAt,
                position,
                head,
                events,
                eventsThisRun,
                eventsPerSecond,
                secondsLeft,
                finishedAt,
                error);
    }

    RebuildProgress done() {
        return ended(State.DONE, Math.max(head, position), 0L, null);
    }

    RebuildProgress failed(String cause) {
        return ended(State.FAILED, head, null, cause);
    }

    private RebuildProgress ended(State last, long lastHead, Long left, String cause) {
        return new RebuildProgress(
                projections,
                last,
                startedAt,
                position,
                lastHead,
                events,
                eventsThisRun,
                eventsPerSecond,
                left,
                Instant.now(),
                cause);
    }

    public boolean running() {
        return state != State.DONE && state != State.FAILED;
    }
}
