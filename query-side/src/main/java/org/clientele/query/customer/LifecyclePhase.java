package org.clientele.query.customer;

/** Where a contact stands in its life as a customer, as of a reference date. See docs/lifecycle.md. */
public enum LifecyclePhase {
    /** Never bought. */
    PROSPECT,
    /** Bought once. */
    FIRST_PURCHASE,
    /** Bought two or more times, and keeps buying. */
    REPEAT,
    /** Still buying, but much less than in the period before (the French practice's "passivation"). */
    DECLINING,
    /** No purchase for the inactivity period. */
    INACTIVE,
    /** Marked as lost, and has not bought since. */
    CHURNED,
    /** Bought again after being inactive or churned, recently. */
    REACTIVATED
}
