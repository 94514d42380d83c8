package org.clientele.query.consent;

import org.clientele.events.customer.CustomerId;

/** Ask for every consent change of one customer, in the order they were recorded. */
public record FindConsentHistory(CustomerId customerId) {}
