package org.clientele.platform.axon;

/**
 * Marks a command failure that a retry would only repeat, such as a broken business rule: the command gateway
 * answers it at once instead of retrying. Concurrency conflicts are retried; they are transient.
 */
public interface NonTransient {}
