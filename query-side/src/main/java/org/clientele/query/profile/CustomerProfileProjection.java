package org.clientele.query.profile;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.clientele.events.consent.ConsentGranted;
import org.clientele.events.consent.ConsentWithdrawn;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.ContactDetailsUpdated;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.customer.CustomerChurned;
import org.clientele.events.customer.CustomerErased;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.CustomerMergedInto;
import org.clientele.events.customer.CustomersMerged;
import org.clientele.events.customer.MergedFacts;
import org.clientele.events.privacy.Erased;
import org.clientele.events.purchase.PurchaseRecorded;
import org.clientele.events.purchase.ReturnRecorded;
import org.clientele.platform.axon.UnitOfWorkBatch;
import org.clientele.platform.privacy.CustomerKeys;
import org.clientele.query.customer.CustomerFeatures;
import org.clientele.query.customer.CustomerHistory;
import org.clientele.query.customer.LifecycleSettings;
import org.clientele.query.customer.PurchaseFact;
import org.springframework.stereotype.Component;

/**
 * The customer profile view: contact details, current consents, purchases and lifecycle phase. Event handlers
 * only collect; the batch is applied and written once per unit of work (see {@link UnitOfWorkBatch}).
 */
@Component
@ProcessingGroup(CustomerProfileProjection.PROCESSING_GROUP)
public class CustomerProfileProjection {

    public static final String PROCESSING_GROUP = "customer-profile";

    private final ProfileRepository repository;
    private final LifecycleSettings settings;
    private final Clock clock;
    private final CustomerKeys keys;

    CustomerProfileProjection(
            ProfileRepository repository, LifecycleSettings settings, Clock clock, CustomerKeys keys) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
        this.keys = keys;
    }

    @EventHandler
    void on(ContactRegistered event, EventMessage<?> message) {
        ProfileBatch batch = batch();
        batch.add(event.customerId(), event);
        // a registration's details hold from the registration date, which an import may set in the past
        batch.versions.add(ContactVersionRow.of(
                event.customerId().value(), event.registeredAt(), message.getIdentifier(), event.contact()));
    }

    @EventHandler
    void on(ContactDetailsUpdated event, EventMessage<?> message) {
        ProfileBatch batch = batch();
        batch.add(event.customerId(), event);
        batch.versions.add(ContactVersionRow.of(
                event.customerId().value(), message.getTimestamp(), message.getIdentifier(), event.contact()));
    }

    @EventHandler
    void on(CustomerMergedInto event) {
        batch().add(event.customerId(), event);
    }

    @EventHandler
    void on(CustomersMerged event) {
        ProfileBatch batch = batch();
        batch.add(event.customerId(), event);
        for (MergedFacts.Consent consent : event.absorbed().consents()) {
            batch.consent(new ConsentRow(
                    event.customerId().value(),
                    consent.channel().name(),
                    consent.purpose().value(),
                    consent.granted(),
                    "merge",
                    null,
                    consent.changedAt()));
        }
    }

    /** The person and the duplicates merged into them lose every personal detail; their facts stay. */
    @EventHandler
    void on(CustomerErased event) {
        ProfileBatch batch = batch();
        for (CustomerId erased : event.erasedCustomers()) {
            batch.add(erased, event);
            batch.erased.add(erased.value());
        }
        // keys this process cached must not outlive the erasure (the write side may run elsewhere)
        keys.forget(batch.erased);
    }

    @EventHandler
    void on(PurchaseRecorded event) {
        batch().add(event.customerId(), event);
    }

    @EventHandler
    void on(ReturnRecorded event) {
        batch().add(event.customerId(), event);
    }

    @EventHandler
    void on(CustomerChurned event) {
        batch().add(event.customerId(), event);
    }

    @EventHandler
    void on(ConsentGranted event) {
        batch().consent(new ConsentRow(
                event.customerId().value(),
                event.channel().name(),
                event.purpose().value(),
                true,
                event.source().value(),
                nameOf(event.legalBasis()),
                event.effectiveAt()));
    }

    @EventHandler
    void on(ConsentWithdrawn event) {
        batch().consent(new ConsentRow(
                event.customerId().value(),
                event.channel().name(),
                event.purpose().value(),
                false,
                event.source().value(),
                nameOf(event.legalBasis()),
                event.effectiveAt()));
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }

    @QueryHandler
    Optional<CustomerProfileView> handle(FindCustomerProfile query) {
        UUID id = query.customerId().value();
        return repository.findRow(id).map(row -> {
            List<PurchaseFact> purchases =
                    repository.findPurchaseFacts(List.of(id)).getOrDefault(id, List.of());
            CustomerFeatures features =
                    CustomerFeatures.of(new CustomerHistory(purchases, row.churnedAt), clock.instant(), settings);
            return ProfileViews.profile(row, repository.findConsents(id), features);
        });
    }

    @QueryHandler
    CustomerPage handle(FindCustomersByPhase query) {
        String phase = query.phase() == null ? null : query.phase().name();
        long total = repository.count(phase);
        List<CustomerPage.Summary> items = repository.findPage(phase, query.page(), query.size()).stream()
                .map(ProfileViews::summary)
                .toList();
        long pages = (total + query.size() - 1) / query.size();
        return new CustomerPage(items, query.page(), query.size(), total, pages);
    }

    private ProfileBatch batch() {
        return UnitOfWorkBatch.current(PROCESSING_GROUP, ProfileBatch::new, this::write);
    }

    private void write(ProfileBatch batch) {
        if (!batch.eventsByCustomer.isEmpty()) {
            writeProfiles(batch);
        }
        if (!batch.consents.isEmpty()) {
            repository.upsertConsents(batch.consents.values());
        }
        if (!batch.versions.isEmpty()) {
            repository.insertContactVersions(batch.versions);
        }
        if (!batch.erased.isEmpty()) {
            repository.eraseContactVersions(batch.erased);
        }
    }

    private void writeProfiles(ProfileBatch batch) {
        var ids = batch.eventsByCustomer.keySet();
        Map<UUID, ProfileRow> rows = repository.findRows(ids);
        // purchases are written with their customer's row, so a customer without one has none to read back
        Map<UUID, List<PurchaseFact>> purchases =
                rows.isEmpty() ? Map.of() : repository.findPurchaseFacts(rows.keySet());
        List<PurchaseRow> newPurchases = new ArrayList<>();
        List<PurchaseLineRow> newLines = new ArrayList<>();
        Instant now = clock.instant();
        for (var entry : batch.eventsByCustomer.entrySet()) {
            UUID id = entry.getKey();
            ProfileRow row = rows.computeIfAbsent(id, ProfileRow::new);
            List<PurchaseFact> facts = new ArrayList<>(purchases.getOrDefault(id, List.of()));
            for (Object event : entry.getValue()) {
                apply(row, event, facts, newPurchases, newLines);
            }
            assess(row, new CustomerHistory(facts, row.churnedAt), now);
        }
        repository.upsert(rows.values());
        if (!newPurchases.isEmpty()) {
            repository.insertPurchases(newPurchases);
        }
        if (!newLines.isEmpty()) {
            repository.insertPurchaseLines(newLines);
        }
    }

    /**
     * Stores the features as of now, or as of the customer's newest fact when that is later: the write side accepts
     * facts dated a little ahead (clock skew), and a stored row must count every fact it has seen.
     */
    void assess(ProfileRow row, CustomerHistory history, Instant now) {
        Instant asOf = now;
        for (PurchaseFact purchase : history.purchases()) {
            asOf = purchase.purchasedAt().isAfter(asOf) ? purchase.purchasedAt() : asOf;
        }
        if (history.churnedAt() != null && history.churnedAt().isAfter(asOf)) {
            asOf = history.churnedAt();
        }
        CustomerFeatures features = CustomerFeatures.of(history, asOf, settings);
        row.purchaseCount = features.purchaseCount();
        row.firstPurchaseAt = features.firstPurchaseAt();
        row.lastPurchaseAt = features.lastPurchaseAt();
        row.phase = features.phase().name();
        row.phaseAssessedAt = asOf;
        row.phaseValidUntil = features.phaseValidUntil();
        row.revision++;
    }

    private static void apply(
            ProfileRow row,
            Object event,
            List<PurchaseFact> facts,
            List<PurchaseRow> newPurchases,
            List<PurchaseLineRow> newLines) {
        if (event instanceof ContactRegistered registered) {
            row.contact(registered.contact());
            row.originSource = registered.origin().source();
            row.originChannel = registered.origin().channel();
            row.originCampaign = registered.origin().campaign();
            row.registeredAt = registered.registeredAt();
        } else if (event instanceof ContactDetailsUpdated updated) {
            row.contact(updated.contact());
        } else if (event instanceof PurchaseRecorded purchase) {
            String reference = purchase.orderReference().value();
            if (facts.stream().noneMatch(fact -> fact.orderReference().equals(reference))) {
                facts.add(new PurchaseFact(
                        reference,
                        purchase.purchasedAt(),
                        purchase.amount().amount(),
                        purchase.amount().currency()));
                newPurchases.add(new PurchaseRow(
                        row.customerId,
                        reference,
                        purchase.purchasedAt(),
                        purchase.amount().amount(),
                        purchase.amount().currency().getCurrencyCode(),
                        purchase.channel() == null ? null : purchase.channel().name(),
                        purchase.lines().size(),
                        false));
                for (int line = 0; line < purchase.lines().size(); line++) {
                    var bought = purchase.lines().get(line);
                    newLines.add(new PurchaseLineRow(
                            row.customerId,
                            reference,
                            line + 1,
                            purchase.purchasedAt(),
                            bought.sku().value(),
                            bought.quantity(),
                            bought.total().amount()));
                }
            }
        } else if (event instanceof ReturnRecorded returned) {
            String reference = returned.returnReference().value();
            if (facts.stream().noneMatch(fact -> fact.orderReference().equals(reference))) {
                facts.add(new PurchaseFact(
                        reference,
                        returned.returnedAt(),
                        returned.refund().amount().negate(),
                        returned.refund().currency(),
                        true));
                newPurchases.add(new PurchaseRow(
                        row.customerId,
                        reference,
                        returned.returnedAt(),
                        returned.refund().amount().negate(),
                        returned.refund().currency().getCurrencyCode(),
                        returned.channel() == null ? null : returned.channel().name(),
                        returned.lines().size(),
                        true));
            }
        } else if (event instanceof CustomerMergedInto merged) {
            row.mergedInto = merged.survivorId().value();
            row.mergedAt = merged.mergedAt();
        } else if (event instanceof CustomersMerged merged) {
            for (MergedFacts.Order order : merged.absorbed().orders()) {
                String reference = order.reference().value();
                if (facts.stream().noneMatch(fact -> fact.orderReference().equals(reference))) {
                    BigDecimal amount = order.isReturn() ? order.amount().negate() : order.amount();
                    facts.add(new PurchaseFact(reference, order.at(), amount, order.currency(), order.isReturn()));
                    newPurchases.add(new PurchaseRow(
                            row.customerId,
                            reference,
                            order.at(),
                            amount,
                            order.currency().getCurrencyCode(),
                            null,
                            0,
                            order.isReturn()));
                }
            }
        } else if (event instanceof CustomerChurned churned) {
            row.churnedAt = churned.churnedAt();
            row.churnReason = churned.reason().name();
            row.churnDetail = Erased.orNull(churned.detail());
        } else if (event instanceof CustomerErased erased) {
            row.contact(ContactDetails.erasedDetails());
            row.churnDetail = null;
            row.erasedAt = erased.erasedAt();
            row.erasureReference = erased.requestReference();
        } else {
            throw new IllegalArgumentException("not a profile event: " + event.getClass());
        }
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** What one unit of work has collected, in event order per customer. */
    static final class ProfileBatch {
        final Map<UUID, List<Object>> eventsByCustomer = new LinkedHashMap<>();
        /** The last change of each consent in the batch: one row per key, as one multi-row upsert needs. */
        final Map<List<Object>, ConsentRow> consents = new LinkedHashMap<>();

        final List<ContactVersionRow> versions = new ArrayList<>();
        final Set<UUID> erased = new LinkedHashSet<>();

        void consent(ConsentRow row) {
            var key = List.<Object>of(row.customerId(), row.channel(), row.purpose());
            ConsentRow current = consents.get(key);
            if (current == null || !row.changedAt().isBefore(current.changedAt())) {
                consents.put(key, row);
            }
        }

        void add(CustomerId customerId, Object event) {
            eventsByCustomer
                    .computeIfAbsent(customerId.value(), id -> new ArrayList<>())
                    .add(event);
        }
    }
}
