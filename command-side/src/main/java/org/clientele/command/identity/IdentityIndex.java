package org.clientele.command.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.clientele.events.customer.ContactDetailsUpdated;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.CustomerMergedInto;
import org.clientele.events.customer.ExternalReferenceLinked;
import org.clientele.events.privacy.Erased;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The write side's index of identities: which customer an external reference, email or phone belongs to. Updated by
 * a subscribing processor, so in the transaction that appends the events; the first customer to claim a key keeps it.
 */
@Component
@ProcessingGroup(IdentityIndex.PROCESSING_GROUP)
public class IdentityIndex {

    public static final String PROCESSING_GROUP = "identity-index";

    private final JdbcTemplate jdbc;

    IdentityIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer matching the first key that is known, strongest key first. */
    public Optional<CustomerId> find(List<IdentityKey> keys) {
        for (IdentityKey key : keys) {
            List<UUID> found = jdbc.queryForList(
                    "SELECT customer_id FROM customer_identity WHERE kind = ? AND value = ?",
                    UUID.class,
                    key.kind().name(),
                    key.value());
            if (!found.isEmpty()) {
                return Optional.of(new CustomerId(found.get(0)));
            }
        }
        return Optional.empty();
    }

    @EventHandler
    void on(ContactRegistered event) {
        claim(event.customerId(), IdentityKey.of(event.origin().source(), event.externalReference(), event.contact()));
    }

    @EventHandler
    void on(ContactDetailsUpdated event) {
        claim(event.customerId(), IdentityKey.of(null, null, event.contact()));
    }

    @EventHandler
    void on(ExternalReferenceLinked event) {
        if (!Erased.isErased(event.externalReference())) {
            claim(event.customerId(), List.of(IdentityKey.external(event.source(), event.externalReference())));
        }
    }

    /** A merged duplicate's identities now lead to its survivor. */
    @EventHandler
    void on(CustomerMergedInto event) {
        jdbc.update(
                "UPDATE customer_identity SET customer_id = ? WHERE customer_id = ?",
                event.survivorId().value(),
                event.customerId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE customer_identity");
    }

    private void claim(CustomerId customerId, List<IdentityKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(keys.size());
        for (IdentityKey key : keys) {
            rows.add(new Object[] {key.kind().name(), key.value(), customerId.value()});
        }
        jdbc.batchUpdate(
                "INSERT INTO customer_identity (kind, value, customer_id) VALUES (?, ?, ?) " + "ON CONFLICT DO NOTHING",
                rows);
    }
}
