package org.clientele.events.customer;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The customer's personal data was erased: the key that encrypts it in every event was destroyed, with the keys of
 * the duplicates merged into this customer (the same person). {@code requestReference} names the erasure request in
 * the company's own records; the user who recorded it is in the event's metadata. The non-personal facts stay.
 */
@Revision("1")
public record CustomerErased(
        CustomerId customerId,
        String requestReference,
        ErasureRequester requestedBy,
        Instant erasedAt,
        List<CustomerId> mergedDuplicates) {

    public CustomerErased {
        mergedDuplicates = mergedDuplicates == null ? List.of() : List.copyOf(mergedDuplicates);
    }

    /** This customer and every duplicate merged into it: whose keys were destroyed. */
    public List<CustomerId> erasedCustomers() {
        var all = new java.util.ArrayList<CustomerId>(mergedDuplicates.size() + 1);
        all.add(customerId);
        all.addAll(mergedDuplicates);
        return all;
    }
}
