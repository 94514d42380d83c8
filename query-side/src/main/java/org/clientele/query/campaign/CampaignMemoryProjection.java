package org.clientele.query.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.clientele.events.campaign.AudienceAssigned;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.CampaignClosed;
import org.clientele.events.campaign.CampaignDefined;
import org.clientele.events.campaign.CampaignLaunched;
import org.clientele.events.campaign.ContactApproved;
import org.clientele.events.campaign.ContactRefused;
import org.clientele.events.campaign.DeliveryOutcomeRecorded;
import org.clientele.events.purchase.PurchaseRecorded;
import org.clientele.events.purchase.ReturnRecorded;
import org.clientele.platform.axon.UnitOfWorkBatch;
import org.springframework.stereotype.Component;

/**
 * The campaign memory: every operation, its audience with each member's launch segment and arm, the gate's
 * decisions, the delivery outcomes, and the purchases and returns attribution reads. The purchases are a copy of
 * its own rather than the profile's table, so that a replay of this group alone rebuilds every campaign figure, and
 * a figure never mixes two processors' positions. Handlers only collect; each table is written once per unit of
 * work (see {@link UnitOfWorkBatch}), and every write is keyed, so a batch retried after a failure changes nothing.
 */
@Component
@ProcessingGroup(CampaignMemoryProjection.PROCESSING_GROUP)
public class CampaignMemoryProjection {

    public static final String PROCESSING_GROUP = "campaign-memory";

    private final CampaignMemoryRepository repository;

    CampaignMemoryProjection(CampaignMemoryRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(CampaignDefined event) {
        batch().defined.add(event);
    }

    @EventHandler
    void on(CampaignLaunched event) {
        batch().launched.add(event);
    }

    @EventHandler
    void on(AudienceAssigned event) {
        Batch batch = batch();
        UUID campaign = event.campaignId().value();
        for (AudienceMember member : event.members()) {
            // one row per key, as one multi-row upsert needs; the latest word on a member wins
            batch.members.put(List.of(campaign, member.customerId().value()), member);
        }
    }

    @EventHandler
    void on(CampaignClosed event) {
        batch().closed.add(event);
    }

    @EventHandler
    void on(ContactApproved event, EventMessage<?> message) {
        batch().contacts
                .add(new CampaignMemoryRepository.ContactRow(
                        message.getIdentifier(),
                        event.campaignId().value(),
                        event.customerId().value(),
                        event.channel().name(),
                        true,
                        null,
                        event.variant(),
                        event.approvedAt()));
    }

    @EventHandler
    void on(ContactRefused event, EventMessage<?> message) {
        batch().contacts
                .add(new CampaignMemoryRepository.ContactRow(
                        message.getIdentifier(),
                        event.campaignId().value(),
                        event.customerId().value(),
                        event.channel().name(),
                        false,
                        event.reason().name(),
                        null,
                        event.refusedAt()));
    }

    @EventHandler
    void on(DeliveryOutcomeRecorded event, EventMessage<?> message) {
        batch().outcomes
                .add(new CampaignMemoryRepository.OutcomeRow(
                        message.getIdentifier(),
                        event.campaignId().value(),
                        event.customerId().value(),
                        event.channel().name(),
                        event.outcome().name(),
                        event.occurredAt()));
    }

    @EventHandler
    void on(PurchaseRecorded event) {
        batch().purchase(new CampaignMemoryRepository.PurchaseRow(
                event.customerId().value(),
                event.orderReference().value(),
                event.purchasedAt(),
                event.amount().amount(),
                event.amount().currency().getCurrencyCode(),
                false));
    }

    @EventHandler
    void on(ReturnRecorded event) {
        batch().purchase(new CampaignMemoryRepository.PurchaseRow(
                event.customerId().value(),
                event.returnReference().value(),
                event.returnedAt(),
                event.refund().amount().negate(),
                event.refund().currency().getCurrencyCode(),
                true));
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }

    private Batch batch() {
        return UnitOfWorkBatch.current(PROCESSING_GROUP, Batch::new, this::write);
    }

    /** A campaign's own events come in order (defined, launched, closed), so writing them in that order is right. */
    private void write(Batch batch) {
        if (!batch.defined.isEmpty()) {
            repository.insertDefinitions(batch.defined);
        }
        if (!batch.launched.isEmpty()) {
            repository.recordLaunches(batch.launched);
        }
        if (!batch.members.isEmpty()) {
            repository.upsertMembers(batch.members);
        }
        if (!batch.closed.isEmpty()) {
            repository.recordClosings(batch.closed);
        }
        if (!batch.contacts.isEmpty()) {
            repository.insertContacts(batch.contacts);
        }
        if (!batch.outcomes.isEmpty()) {
            repository.insertOutcomes(batch.outcomes);
        }
        if (!batch.purchases.isEmpty()) {
            repository.insertPurchases(batch.purchases.values());
        }
    }

    /** What one unit of work has collected. */
    private static final class Batch {
        final List<CampaignDefined> defined = new ArrayList<>();
        final List<CampaignLaunched> launched = new ArrayList<>();
        final Map<List<UUID>, AudienceMember> members = new LinkedHashMap<>();
        final List<CampaignClosed> closed = new ArrayList<>();
        final List<CampaignMemoryRepository.ContactRow> contacts = new ArrayList<>();
        final List<CampaignMemoryRepository.OutcomeRow> outcomes = new ArrayList<>();
        final Map<List<Object>, CampaignMemoryRepository.PurchaseRow> purchases = new LinkedHashMap<>();

        /** The first fact recorded under a reference stands, as in the customer's profile. */
        void purchase(CampaignMemoryRepository.PurchaseRow row) {
            purchases.putIfAbsent(List.of(row.customerId(), row.reference()), row);
        }
    }
}
