package org.clientele.command.importing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** An import as its caller follows it: state, counts, rate and time left. */
public record ImportJob(
        UUID id,
        ImportKind kind,
        String fileName,
        long fileBytes,
        String status,
        String header,
        ImportProgress progress,
        Instant startedAt,
        Instant finishedAt,
        String failure,
        String startedBy) {

    /** Rows per second so far (or over the whole run once finished). */
    public double rowsPerSecond(Instant now) {
        double seconds = Duration.between(startedAt, finishedAt != null ? finishedAt : now)
                        .toMillis()
                / 1000.0;
        return seconds <= 0 ? 0 : progress.rowsRead() / seconds;
    }

    /** Estimated from the share of the file's bytes read so far; null when unknown or finished. */
    public Duration estimatedTimeLeft(Instant now) {
        if (finishedAt != null || progress.bytesRead() <= 0 || fileBytes <= 0) {
            return null;
        }
        double elapsed = Duration.between(startedAt, now).toMillis();
        double share = Math.min(1.0, (double) progress.bytesRead() / fileBytes);
        return Duration.ofMillis((long) (elapsed / share - elapsed));
    }
}
