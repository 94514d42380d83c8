package org.clientele.command.importing;

/** A row that could not be imported, with its line number in the file and the reason. */
public record Rejected(long lineNumber, String reason, String raw) {}
