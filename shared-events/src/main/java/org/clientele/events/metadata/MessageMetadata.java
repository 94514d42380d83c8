package org.clientele.events.metadata;

/** The metadata keys every command and event carries. */
public final class MessageMetadata {

    /** The authenticated user who issued the command. */
    public static final String USER = "user";
    /** The system the command came from, as told by the caller (X-Source-System), "api" otherwise. */
    public static final String SOURCE_SYSTEM = "sourceSystem";
    /** Ties together everything one request caused (X-Correlation-Id, or generated). */
    public static final String CORRELATION_ID = "correlationId";

    private MessageMetadata() {}
}
