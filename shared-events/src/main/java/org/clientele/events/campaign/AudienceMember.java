package org.clientele.events.campaign;

import org.clientele.events.customer.CustomerId;

/**
 * One customer of a launched audience: the segment it was in at launch (null for an explicit list), and its
 * assignment: {@link #CONTROL} or the code of its variant.
 */
public record AudienceMember(CustomerId customerId, String segment, String assignment) {

    public static final String CONTROL = "CONTROL";

    public boolean isControl() {
        return CONTROL.equals(assignment);
    }
}
