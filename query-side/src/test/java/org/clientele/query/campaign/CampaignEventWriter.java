package org.clientele.query.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.customer.CustomerId;

/**
 * Appends events as the command side's aggregates would: a campaign's on its own stream (aggregate type "Campaign"),
 * a customer's contacts, outcomes and purchases on the customer's ("Customer"), each stream numbered 0, 1, 2...
 * Everything collected is appended in one transaction by {@link #flush()}.
 */
final class CampaignEventWriter {

    private final EventStore eventStore;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<DomainEventMessage<?>> pending = new ArrayList<>();

    CampaignEventWriter(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    CampaignEventWriter campaign(CampaignId campaignId, Object... payloads) {
        return add("Campaign", campaignId.toString(), payloads);
    }

    CampaignEventWriter customer(CustomerId customerId, Object... payloads) {
        return add("Customer", customerId.toString(), payloads);
    }

    void flush() {
        eventStore.publish(List.copyOf(pending));
        pending.clear();
    }

    private CampaignEventWriter add(String type, String aggregateId, Object... payloads) {
        for (Object payload : payloads) {
            long sequence = nextSequence.merge(type + "/" + aggregateId, 1L, Long::sum) - 1;
            pending.add(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, Map.of()));
        }
        return this;
    }
}
