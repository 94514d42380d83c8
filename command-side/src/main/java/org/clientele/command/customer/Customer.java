package org.clientele.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.clientele.events.consent.ConsentGranted;
import org.clientele.events.consent.ConsentWithdrawn;
import org.clientele.events.customer.ChurnReason;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.ContactDetailsUpdated;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.customer.CustomerChurned;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.Origin;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseRecorded;
import org.clientele.events.purchase.ReturnRecorded;

/**
 * One person in the customer file. Command handlers decide and apply events; event-sourcing handlers only
 * assign state. Every command is idempotent: asking for the state the customer is already in changes nothing.
 */
@Aggregate(cache = "customerCache")
public class Customer {

    @AggregateIdentifier
    private CustomerId id;
    private ContactDetails registeredContact;
    private Origin origin;
    private ContactDetails contact;
    private final Set<OrderReference> orders = new HashSet<>();
    private final Set<OrderReference> returns = new HashSet<>();
    private final ConsentStates consents = new ConsentStates();
    private Instant churnedAt;
    private Instant lastPurchaseAt;

    /** Axon rebuilds the customer from its events, starting from this empty state. */
    protected Customer() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Outcome handle(RegisterContact command, Clock clock) {
        if (id != null) {
            if (Objects.equals(registeredContact, command.contact()) && Objects.equals(origin, command.origin())) {
                return Outcome.UNCHANGED;
            }
            throw new CustomerRejected(Rejection.ALREADY_REGISTERED_DIFFERENTLY,
                    "customer " + id + " is already registered with other details");
        }
        Instant registeredAt = DatePolicy.occurredAt(command.registeredAt(), clock, "registeredAt");
        apply(new ContactRegistered(command.customerId(), command.contact(), command.origin(), registeredAt,
                command.externalReference()));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(UpdateContactDetails command) {
        if (Objects.equals(contact, command.contact())) {
            return Outcome.UNCHANGED;
        }
        apply(new ContactDetailsUpdated(id, command.contact()));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(AmendContactDetails command) {
        ContactDetails amended = ContactAmendment.amend(contact, command.contact());
        if (Objects.equals(contact, amended)) {
            return Outcome.UNCHANGED;
        }
        apply(new ContactDetailsUpdated(id, amended));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(RecordPurchase command, Clock clock) {
        if (orders.contains(command.orderReference())) {
            return Outcome.UNCHANGED;
        }
        Instant purchasedAt = DatePolicy.occurredAt(command.purchasedAt(), clock, "purchasedAt");
        PurchasePolicy.check(command);
        apply(new PurchaseRecorded(id, command.orderReference(), purchasedAt, command.amount(), command.lines(),
                command.channel()));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(RecordReturn command, Clock clock) {
        if (returns.contains(command.returnReference())) {
            return Outcome.UNCHANGED;
        }
        Instant returnedAt = DatePolicy.occurredAt(command.returnedAt(), clock, "returnedAt");
        PurchasePolicy.checkLines(command.lines(), command.refund());
        apply(new ReturnRecorded(id, command.returnReference(), returnedAt, command.refund(), command.lines(),
                command.channel()));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(GrantConsent command, Clock clock) {
        if (consents.isGranted(command.channel(), command.purpose())) {
            return Outcome.UNCHANGED;
        }
        Instant effectiveAt = DatePolicy.occurredAt(command.effectiveAt(), clock, "effectiveAt");
        consents.checkInOrder(command.channel(), command.purpose(), effectiveAt);
        apply(new ConsentGranted(id, command.channel(), command.purpose(), command.source(), command.legalBasis(),
                effectiveAt));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(WithdrawConsent command, Clock clock) {
        if (!consents.isGranted(command.channel(), command.purpose())) {
            return Outcome.UNCHANGED;
        }
        Instant effectiveAt = DatePolicy.occurredAt(command.effectiveAt(), clock, "effectiveAt");
        consents.checkInOrder(command.channel(), command.purpose(), effectiveAt);
        apply(new ConsentWithdrawn(id, command.channel(), command.purpose(), command.source(), command.legalBasis(),
                effectiveAt));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(MarkChurned command, Clock clock) {
        if (isChurned()) {
            return Outcome.UNCHANGED;
        }
        if (command.reason() == ChurnReason.OTHER && (command.detail() == null || command.detail().isBlank())) {
            throw new CustomerRejected(Rejection.CHURN_DETAIL_REQUIRED, "reason OTHER needs a detail saying what");
        }
        Instant at = DatePolicy.occurredAt(command.churnedAt(), clock, "churnedAt");
        apply(new CustomerChurned(id, command.reason(), command.detail(), at));
        return Outcome.APPLIED;
    }

    /** The read side's rule too: churned while no purchase is dated after the churn mark. */
    private boolean isChurned() {
        return churnedAt != null && (lastPurchaseAt == null || !lastPurchaseAt.isAfter(churnedAt));
    }

    @EventSourcingHandler
    void on(ContactRegistered event) {
        id = event.customerId();
        registeredContact = event.contact();
        origin = event.origin();
        contact = event.contact();
    }

    @EventSourcingHandler
    void on(ContactDetailsUpdated event) {
        contact = event.contact();
    }

    @EventSourcingHandler
    void on(PurchaseRecorded event) {
        orders.add(event.orderReference());
        if (lastPurchaseAt == null || event.purchasedAt().isAfter(lastPurchaseAt)) {
            lastPurchaseAt = event.purchasedAt();
        }
    }

    @EventSourcingHandler
    void on(ReturnRecorded event) {
        returns.add(event.returnReference());
    }

    @EventSourcingHandler
    void on(ConsentGranted event) {
        consents.record(event.channel(), event.purpose(), true, event.effectiveAt());
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        consents.record(event.channel(), event.purpose(), false, event.effectiveAt());
    }

    @EventSourcingHandler
    void on(CustomerChurned event) {
        churnedAt = event.churnedAt();
    }
}
