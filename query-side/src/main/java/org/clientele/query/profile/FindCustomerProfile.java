package org.clientele.query.profile;

import org.clientele.events.customer.CustomerId;

/** Ask for one customer's profile. */
public record FindCustomerProfile(CustomerId customerId) {}
