package org.clientele.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.clientele.events.campaign.ContactApproved;
import org.clientele.events.campaign.ContactRefusal;
import org.clientele.events.campaign.ContactRefused;
import org.clientele.events.campaign.DeliveryOutcome;
import org.clientele.events.campaign.DeliveryOutcomeRecorded;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentGranted;
import org.clientele.events.consent.ConsentWithdrawn;
import org.clientele.events.consent.PreferencesSet;
import org.clientele.events.customer.ChurnReason;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.ContactDetailsUpdated;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.customer.CustomerChurned;
import org.clientele.events.customer.CustomerErased;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.CustomerMergedInto;
import org.clientele.events.customer.CustomersMerged;
import org.clientele.events.customer.ExternalReferenceLinked;
import org.clientele.events.customer.MergedFacts;
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
    private final Map<OrderReference, MergedFacts.Order> orders = new LinkedHashMap<>();
    private final Map<OrderReference, MergedFacts.Order> returns = new LinkedHashMap<>();
    private CustomerId mergedInto;
    private final List<CustomerId> absorbed = new ArrayList<>();
    private CustomerErased erasure;
    private Preferences preferences;

    /** The preference centre's last word, compared as a whole. */
    private record Preferences(
            java.util.Set<Channel> channels, Integer maxMessages, Integer periodDays, Instant pausedUntil) {}

    private final java.util.Set<String> externalReferences = new java.util.HashSet<>();
    private final ConsentStates consents = new ConsentStates();
    private Instant churnedAt;
    private Instant lastPurchaseAt;
    /** Approved contacts of the last {@link #PRESSURE_MEMORY}, for the pressure caps: when, on which channel. */
    private final List<ContactApproved> approvals = new ArrayList<>();
    /** Every campaign that was ever approved to contact the customer: asking again counts nothing. */
    private final Map<org.clientele.events.campaign.CampaignId, ContactApproved> approvedCampaigns =
            new java.util.HashMap<>();

    /** The longest rolling period a cap can have (a policy's or a customer's own, at most 366 days). */
    static final java.time.Duration PRESSURE_MEMORY = java.time.Duration.ofDays(366);
    /** Channels whose address hard-bounced, until the details change. */
    private final java.util.Set<Channel> invalidAddresses = java.util.EnumSet.noneOf(Channel.class);
    /** When each channel's address last changed: a bounce dated before that is about the old one. */
    private final Map<Channel, Instant> addressChangedAt = new java.util.EnumMap<>(Channel.class);
    /** Outcomes already recorded, so that a repeated report records nothing. */
    private final java.util.Set<String> outcomes = new java.util.HashSet<>();

    /** Axon rebuilds the customer from its events, starting from this empty state. */
    protected Customer() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Outcome handle(RegisterContact command, Clock clock) {
        if (id != null) {
            requireActive();
            if (Objects.equals(registeredContact, command.contact()) && Objects.equals(origin, command.origin())) {
                return Outcome.UNCHANGED;
            }
            throw new CustomerRejected(
                    Rejection.ALREADY_REGISTERED_DIFFERENTLY,
                    "customer " + id + " is already registered with other details");
        }
        Instant registeredAt = DatePolicy.occurredAt(command.registeredAt(), clock, "registeredAt");
        apply(new ContactRegistered(
                command.customerId(), command.contact(), command.origin(), registeredAt, command.externalReference()));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(UpdateContactDetails command) {
        requireActive();
        if (Objects.equals(contact, command.contact())) {
            return Outcome.UNCHANGED;
        }
        apply(new ContactDetailsUpdated(id, command.contact()));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(AmendContactDetails command) {
        requireActive();
        Outcome outcome = Outcome.UNCHANGED;
        if (command.externalReference() != null
                && command.source() != null
                && externalReferences.add(command.source() + "|" + command.externalReference())) {
            apply(new ExternalReferenceLinked(id, command.source(), command.externalReference()));
            outcome = Outcome.APPLIED;
        }
        ContactDetails amended = ContactAmendment.amend(contact, command.contact());
        if (!Objects.equals(contact, amended)) {
            apply(new ContactDetailsUpdated(id, amended));
            outcome = Outcome.APPLIED;
        }
        return outcome;
    }

    @CommandHandler
    public Outcome handle(RecordPurchase command, Clock clock) {
        requireActive();
        if (orders.containsKey(command.orderReference())) {
            return Outcome.UNCHANGED;
        }
        Instant purchasedAt = DatePolicy.occurredAt(command.purchasedAt(), clock, "purchasedAt");
        PurchasePolicy.check(command);
        apply(new PurchaseRecorded(
                id, command.orderReference(), purchasedAt, command.amount(), command.lines(), command.channel()));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(RecordReturn command, Clock clock) {
        requireActive();
        if (returns.containsKey(command.returnReference())) {
            return Outcome.UNCHANGED;
        }
        Instant returnedAt = DatePolicy.occurredAt(command.returnedAt(), clock, "returnedAt");
        PurchasePolicy.checkLines(command.lines(), command.refund());
        apply(new ReturnRecorded(
                id, command.returnReference(), returnedAt, command.refund(), command.lines(), command.channel()));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(GrantConsent command, Clock clock) {
        requireActive();
        Instant effectiveAt = DatePolicy.occurredAt(command.effectiveAt(), clock, "effectiveAt");
        if (consents.isGranted(command.channel(), command.purpose(), effectiveAt)) {
            return Outcome.UNCHANGED;
        }
        consents.checkInOrder(command.channel(), command.purpose(), effectiveAt);
        if (command.expiresAt() != null && !command.expiresAt().isAfter(effectiveAt)) {
            throw new CustomerRejected(
                    Rejection.CONSENT_EXPIRES_BEFORE_IT_STARTS,
                    "the consent would expire at " + command.expiresAt() + ", not after it starts at " + effectiveAt);
        }
        apply(new ConsentGranted(
                id,
                command.channel(),
                command.purpose(),
                command.source(),
                command.legalBasis(),
                effectiveAt,
                command.proofReference(),
                command.expiresAt()));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(SetPreferences command, Clock clock) {
        requireActive();
        Instant effectiveAt = DatePolicy.occurredAt(command.effectiveAt(), clock, "effectiveAt");
        Preferences wanted = new Preferences(
                command.preferredChannels() == null
                        ? java.util.Set.of()
                        : java.util.Set.copyOf(command.preferredChannels()),
                command.maxMessages(),
                command.periodDays(),
                command.pausedUntil());
        if (wanted.equals(preferences)) {
            return Outcome.UNCHANGED;
        }
        apply(new PreferencesSet(
                id, wanted.channels(), wanted.maxMessages(), wanted.periodDays(), wanted.pausedUntil(), effectiveAt));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(WithdrawConsent command, Clock clock) {
        requireActive();
        Instant effectiveAt = DatePolicy.occurredAt(command.effectiveAt(), clock, "effectiveAt");
        if (!consents.isGranted(command.channel(), command.purpose(), effectiveAt)) {
            return Outcome.UNCHANGED;
        }
        consents.checkInOrder(command.channel(), command.purpose(), effectiveAt);
        apply(new ConsentWithdrawn(
                id, command.channel(), command.purpose(), command.source(), command.legalBasis(), effectiveAt));
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(MarkChurned command, Clock clock) {
        requireActive();
        if (isChurned()) {
            return Outcome.UNCHANGED;
        }
        if (command.reason() == ChurnReason.OTHER
                && (command.detail() == null || command.detail().isBlank())) {
            throw new CustomerRejected(Rejection.CHURN_DETAIL_REQUIRED, "reason OTHER needs a detail saying what");
        }
        Instant at = DatePolicy.occurredAt(command.churnedAt(), clock, "churnedAt");
        apply(new CustomerChurned(id, command.reason(), command.detail(), at));
        return Outcome.APPLIED;
    }

    /**
     * The contact-policy gate. Decided on the customer, so that two concurrent requests cannot both pass a cap only
     * one should pass: the second one's append conflicts, is retried on the new state, and refused. Every decision is
     * recorded; asking again for a campaign already approved answers approved without counting twice.
     */
    @CommandHandler
    public ContactDecision handle(RequestContact command, Clock clock, ContactPolicy policy) {
        requireNotMergedOnly();
        Instant now = clock.instant();
        ContactApproved earlier = approvedCampaigns.get(command.campaignId());
        boolean again = earlier != null && earlier.channel() == command.channel();
        // asked again: everything is checked anew (an erasure, an unsubscription, a bounce may have come since),
        // but the caps, which this approval already counts in
        ContactRefusal refusal = refusal(command, now, policy, again);
        if (refusal != null) {
            apply(new ContactRefused(id, command.campaignId(), command.channel(), refusal, now));
            return ContactDecision.refused(refusal);
        }
        if (again) {
            return ContactDecision.approved(earlier.variant());
        }
        apply(new ContactApproved(id, command.campaignId(), command.channel(), command.assignment(), now));
        return ContactDecision.approved(command.assignment());
    }

    private ContactRefusal refusal(RequestContact command, Instant now, ContactPolicy policy, boolean counted) {
        Channel channel = command.channel();
        if (erasure != null) {
            return ContactRefusal.ERASED;
        }
        if (!command.campaignRunning()) {
            return ContactRefusal.CAMPAIGN_NOT_RUNNING;
        }
        if (command.assignment() == null) {
            return ContactRefusal.NOT_IN_AUDIENCE;
        }
        if (org.clientele.events.campaign.AudienceMember.CONTROL.equals(command.assignment())) {
            return ContactRefusal.CONTROL_GROUP;
        }
        if (!consents.isGranted(channel, command.purpose(), now)) {
            return ContactRefusal.NO_CONSENT;
        }
        if (invalidAddresses.contains(channel)) {
            return ContactRefusal.ADDRESS_INVALID;
        }
        if (preferences != null && preferences.pausedUntil() != null && now.isBefore(preferences.pausedUntil())) {
            return ContactRefusal.PAUSED;
        }
        if (policy.preferredChannelsOnly()
                && preferences != null
                && !preferences.channels().isEmpty()
                && !preferences.channels().contains(channel)) {
            return ContactRefusal.NOT_PREFERRED_CHANNEL;
        }
        if (counted) {
            return null;
        }
        Instant since = now.minus(java.time.Duration.ofDays(policy.periodDays()));
        if (approvalsSince(since, channel) >= policy.maxPerChannel()) {
            return ContactRefusal.PRESSURE_CAP_CHANNEL;
        }
        if (approvalsSince(since, null) >= policy.maxTotal()) {
            return ContactRefusal.PRESSURE_CAP_TOTAL;
        }
        if (preferences != null && preferences.maxMessages() != null && preferences.periodDays() != null) {
            Instant ownSince = now.minus(java.time.Duration.ofDays(preferences.periodDays()));
            if (approvalsSince(ownSince, null) >= preferences.maxMessages()) {
                return ContactRefusal.PRESSURE_CAP_TOTAL;
            }
        }
        return null;
    }

    private long approvalsSince(Instant since, Channel channel) {
        return approvals.stream()
                .filter(approval -> approval.approvedAt().isAfter(since))
                .filter(approval -> channel == null || approval.channel() == channel)
                .count();
    }

    @CommandHandler
    public Outcome handle(RecordDeliveryOutcome command, Clock clock) {
        requireActive();
        ContactApproved contact = java.util.Optional.ofNullable(approvedCampaigns.get(command.campaignId()))
                .orElseThrow(() -> new CustomerRejected(
                        Rejection.NO_APPROVED_CONTACT,
                        "customer " + id + " was never approved for contact by campaign " + command.campaignId()));
        // one report of each kind per campaign: a retried batch, or a second open, records nothing more
        String key = command.campaignId() + "|" + command.outcome();
        if (outcomes.contains(key)) {
            return Outcome.UNCHANGED;
        }
        Instant at = DatePolicy.occurredAt(command.occurredAt(), clock, "occurredAt");
        apply(new DeliveryOutcomeRecorded(id, command.campaignId(), contact.channel(), command.outcome(), at));
        // a late report does not undo a consent given again since
        if (command.outcome() == DeliveryOutcome.UNSUBSCRIBED
                && consents.isGranted(contact.channel(), command.purpose(), at)
                && !consents.changedAfter(contact.channel(), command.purpose(), at)) {
            apply(new ConsentWithdrawn(
                    id,
                    contact.channel(),
                    command.purpose(),
                    org.clientele.events.consent.ConsentSource.of("unsubscribe_link"),
                    null,
                    at));
        }
        return Outcome.APPLIED;
    }

    /**
     * Hands this duplicate over to a survivor; answers what the survivor takes over, or null when this customer was
     * already merged into that survivor.
     */
    MergedFacts mergeInto(CustomerId survivor, String reason, Instant at) {
        if (survivor.equals(mergedInto)) {
            return null;
        }
        requireActive();
        apply(new CustomerMergedInto(id, survivor, reason, at));
        List<MergedFacts.Order> absorbed = new ArrayList<>(orders.values());
        absorbed.addAll(returns.values());
        return new MergedFacts(absorbed, consents.states());
    }

    void absorb(CustomerId duplicate, MergedFacts facts, String reason, Instant at) {
        requireActive();
        apply(new CustomersMerged(id, duplicate, facts, reason, at));
    }

    /** Erases the person: their key is destroyed once the event commits (see the erasure handler). */
    @CommandHandler
    public Outcome handle(EraseCustomer command, Clock clock) {
        if (erasure != null) {
            return Outcome.UNCHANGED;
        }
        if (mergedInto != null) {
            throw new CustomerRejected(
                    Rejection.MERGED,
                    "customer " + id + " was merged into " + mergedInto + "; erase " + mergedInto
                            + ", which erases both");
        }
        apply(new CustomerErased(
                id, command.requestReference(), command.requestedBy(), clock.instant(), List.copyOf(absorbed)));
        return Outcome.APPLIED;
    }

    /** Merged duplicates send their commands to the survivor; an erased customer still gets an answer. */
    private void requireNotMergedOnly() {
        if (mergedInto != null) {
            throw new CustomerRejected(
                    Rejection.MERGED,
                    "customer " + id + " was merged into " + mergedInto + "; send commands to " + mergedInto);
        }
    }

    private void requireActive() {
        if (erasure != null) {
            throw new CustomerRejected(
                    Rejection.ERASED,
                    "customer " + id + " was erased on " + erasure.erasedAt() + " under request "
                            + erasure.requestReference() + "; nothing more can be recorded about them");
        }
        if (mergedInto != null) {
            throw new CustomerRejected(
                    Rejection.MERGED,
                    "customer " + id + " was merged into " + mergedInto + "; send commands to " + mergedInto);
        }
    }

    /** The read side's rule too: churned while no purchase is dated after the churn mark. */
    private boolean isChurned() {
        return churnedAt != null && (lastPurchaseAt == null || !lastPurchaseAt.isAfter(churnedAt));
    }

    @EventSourcingHandler
    void on(PreferencesSet event) {
        preferences = new Preferences(
                event.preferredChannels(), event.maxMessages(), event.periodDays(), event.pausedUntil());
    }

    @EventSourcingHandler
    void on(ExternalReferenceLinked event) {
        externalReferences.add(event.source() + "|" + event.externalReference());
    }

    @EventSourcingHandler
    void on(ContactRegistered event) {
        if (event.externalReference() != null) {
            externalReferences.add(event.origin().source() + "|" + event.externalReference());
        }
        id = event.customerId();
        registeredContact = event.contact();
        origin = event.origin();
        contact = event.contact();
    }

    @EventSourcingHandler
    void on(ContactDetailsUpdated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        ContactDetails before = contact;
        contact = event.contact();
        // a new address is worth trying again
        if (before == null || !Objects.equals(before.email(), contact.email())) {
            addressChanged(java.util.EnumSet.of(Channel.EMAIL), at);
        }
        if (before == null || !Objects.equals(before.phone(), contact.phone())) {
            addressChanged(java.util.EnumSet.of(Channel.SMS, Channel.PHONE), at);
        }
        if (before == null || !Objects.equals(before.address(), contact.address())) {
            addressChanged(java.util.EnumSet.of(Channel.POSTAL), at);
        }
    }

    private void addressChanged(java.util.Set<Channel> channels, Instant at) {
        invalidAddresses.removeAll(channels);
        channels.forEach(channel -> addressChangedAt.put(channel, at));
    }

    @EventSourcingHandler
    void on(PurchaseRecorded event) {
        orders.put(
                event.orderReference(),
                new MergedFacts.Order(
                        event.orderReference(),
                        event.purchasedAt(),
                        event.amount().amount(),
                        event.amount().currency(),
                        false));
        if (lastPurchaseAt == null || event.purchasedAt().isAfter(lastPurchaseAt)) {
            lastPurchaseAt = event.purchasedAt();
        }
    }

    @EventSourcingHandler
    void on(ReturnRecorded event) {
        returns.put(
                event.returnReference(),
                new MergedFacts.Order(
                        event.returnReference(),
                        event.returnedAt(),
                        event.refund().amount(),
                        event.refund().currency(),
                        true));
    }

    @EventSourcingHandler
    void on(CustomerMergedInto event) {
        mergedInto = event.survivorId();
    }

    @EventSourcingHandler
    void on(CustomersMerged event) {
        for (MergedFacts.Order order : event.absorbed().orders()) {
            (order.isReturn() ? returns : orders).putIfAbsent(order.reference(), order);
            if (!order.isReturn() && (lastPurchaseAt == null || order.at().isAfter(lastPurchaseAt))) {
                lastPurchaseAt = order.at();
            }
        }
        event.absorbed().consents().forEach(consents::absorb);
        absorbed.add(event.duplicateId());
    }

    @EventSourcingHandler
    void on(ContactApproved event) {
        approvedCampaigns.putIfAbsent(event.campaignId(), event);
        approvals.add(event);
        Instant forgotten = event.approvedAt().minus(PRESSURE_MEMORY);
        approvals.removeIf(approval -> approval.approvedAt().isBefore(forgotten));
    }

    @EventSourcingHandler
    void on(DeliveryOutcomeRecorded event) {
        outcomes.add(event.campaignId() + "|" + event.outcome());
        if (event.outcome() == DeliveryOutcome.HARD_BOUNCE) {
            for (Channel bounced : sharingAddress(event.channel())) {
                Instant changed = addressChangedAt.get(bounced);
                // a bounce of an address replaced since says nothing of the new one
                if (changed == null || !changed.isAfter(event.occurredAt())) {
                    invalidAddresses.add(bounced);
                }
            }
        }
    }

    /** SMS and phone calls go to the same number: a hard bounce on one invalidates both. */
    private static java.util.Set<Channel> sharingAddress(Channel channel) {
        return switch (channel) {
            case SMS, PHONE -> java.util.EnumSet.of(Channel.SMS, Channel.PHONE);
            default -> java.util.EnumSet.of(channel);
        };
    }

    @EventSourcingHandler
    void on(CustomerErased event) {
        erasure = event;
        registeredContact = null;
        contact = null;
        origin = null;
        externalReferences.clear();
    }

    @EventSourcingHandler
    void on(ConsentGranted event) {
        consents.record(event.channel(), event.purpose(), true, event.effectiveAt(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        consents.record(event.channel(), event.purpose(), false, event.effectiveAt(), null);
    }

    @EventSourcingHandler
    void on(CustomerChurned event) {
        churnedAt = event.churnedAt();
    }
}
