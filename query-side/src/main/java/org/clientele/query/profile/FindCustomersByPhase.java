package org.clientele.query.profile;

import org.clientele.query.customer.LifecyclePhase;

/** Ask for one page of customers, all of them or those in one lifecycle phase (when {@code phase} is given). */
public record FindCustomersByPhase(LifecyclePhase phase, int page, int size) {}
