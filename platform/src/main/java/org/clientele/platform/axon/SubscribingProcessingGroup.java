package org.clientele.platform.axon;

/**
 * A processing group whose handlers must run in the transaction that appends the events they handle (the write
 * side's own views): it gets a subscribing processor, and no dead-letter queue, since a failure there must fail the
 * command instead of being set aside.
 */
public record SubscribingProcessingGroup(String name) {}
