package org.clientele.command.importing;

/**
 * The counts of an import. Every row read is accepted, rejected with a reason, or counted as a return line, so
 * {@code rowsRead = rowsAccepted + rowsRejected + rowsReturns} once the job has finished.
 */
public record ImportProgress(
        long rowsRead,
        long rowsAccepted,
        long rowsRejected,
        long rowsReturns,
        long bytesRead,
        long customersCreated,
        long customersMatched,
        long purchases,
        long returns) {}
