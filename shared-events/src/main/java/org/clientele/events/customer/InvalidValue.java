package org.clientele.events.customer;

/**
 * A value that came in but failed normalisation: kept as given, with the field and the reason, so that a badly formed
 * email or phone is flagged rather than silently dropped (and can be fixed later).
 */
public record InvalidValue(String field, String value, String reason) {}
