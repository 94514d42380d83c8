package org.clientele.query.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.clientele.events.customer.CustomerId;

/**
 * Appends customer events straight to the event store, as the command side's Customer aggregate would: aggregate
 * type "Customer", the customer id as aggregate id, and sequence numbers 0, 1, 2... per customer. The read side
 * never writes events; only its tests do, to feed the projections without the command side.
 */
public final class EventStoreWriter {

    private static final String AGGREGATE_TYPE = "Customer";

    private final EventStore eventStore;
    private final Map<CustomerId, Long> nextSequence = new HashMap<>();
    private final List<DomainEventMessage<?>> pending = new ArrayList<>();

    public EventStoreWriter(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Appends the payloads of one customer, in order, in one transaction. */
    public List<DomainEventMessage<?>> publish(CustomerId customerId, Object... payloads) {
        for (Object payload : payloads) {
            add(customerId, payload, Map.of());
        }
        return flush();
    }

    public DomainEventMessage<?> publishWithMetaData(CustomerId customerId, Object payload, Map<String, ?> metaData) {
        add(customerId, payload, metaData);
        return flush().get(0);
    }

    /** Collects an event for {@link #flush()}, which appends everything collected in one transaction. */
    public EventStoreWriter add(CustomerId customerId, Object payload, Map<String, ?> metaData) {
        long sequence = nextSequence.merge(customerId, 1L, Long::sum) - 1;
        pending.add(
                new GenericDomainEventMessage<>(AGGREGATE_TYPE, customerId.toString(), sequence, payload, metaData));
        return this;
    }

    public List<DomainEventMessage<?>> flush() {
        List<DomainEventMessage<?>> events = List.copyOf(pending);
        pending.clear();
        eventStore.publish(events);
        return events;
    }
}
