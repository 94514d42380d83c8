package org.clientele.command.customer;

import org.clientele.events.customer.CustomerId;

/** Merge a duplicate into a survivor, which keeps both histories; the duplicate's id then redirects to it. */
public record MergeCustomers(CustomerId survivorId, CustomerId duplicateId, String reason) {}
