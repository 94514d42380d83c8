package org.clientele.command.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentGranted;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.consent.ConsentSource;
import org.clientele.events.consent.ConsentWithdrawn;
import org.clientele.events.consent.LegalBasis;
import org.clientele.events.customer.ChurnReason;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.ContactDetailsUpdated;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.customer.CustomerChurned;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.EmailAddress;
import org.clientele.events.customer.Origin;
import org.clientele.events.customer.PersonName;
import org.clientele.events.customer.PhoneNumber;
import org.clientele.events.customer.PostalAddress;
import org.clientele.events.purchase.Money;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseLine;
import org.clientele.events.purchase.PurchaseRecorded;
import org.clientele.events.purchase.SalesChannel;
import org.clientele.events.purchase.Sku;

/**
 * Commands for one customer, Ada, and the events they should cause. Each command factory has a twin for the
 * event, built from the same values, so a test reads as "given these facts, when this, expect that".
 */
final class CustomerFixtures {

    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final CustomerId ADA = new CustomerId(UUID.fromString("0b6e5c2a-4f1e-4d0e-9a51-3c2e8d7f6a10"));
    static final Origin WEB_SIGNUP = new Origin("website", "newsletter-form", "spring-24");
    static final ContactDetails ADA_CONTACT = new ContactDetails(
            PersonName.of("Ada", "Lovelace"),
            EmailAddress.of("ada@example.org"),
            PhoneNumber.of("+44 20 7946 0958"),
            new PostalAddress("12 St James's Square", "SW1Y 4JH", "London", "GB"));
    static final ConsentSource WEB_FORM = ConsentSource.of("web_form");

    private static final Sku MUG = Sku.of("MUG-1");

    private CustomerFixtures() {}

    static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    // Registration

    static RegisterContact register() {
        return register(ADA_CONTACT);
    }

    static RegisterContact register(ContactDetails contact) {
        return new RegisterContact(ADA, contact, WEB_SIGNUP, null);
    }

    static RegisterContact registerAt(Instant registeredAt) {
        return new RegisterContact(ADA, ADA_CONTACT, WEB_SIGNUP, registeredAt);
    }

    static ContactRegistered registered() {
        return registered(NOW);
    }

    static ContactRegistered registered(Instant registeredAt) {
        return new ContactRegistered(ADA, ADA_CONTACT, WEB_SIGNUP, registeredAt);
    }

    // Contact details

    static UpdateContactDetails update(ContactDetails contact) {
        return new UpdateContactDetails(ADA, contact);
    }

    static ContactDetailsUpdated updated(ContactDetails contact) {
        return new ContactDetailsUpdated(ADA, contact);
    }

    static ContactDetails newEmail() {
        return ADA_CONTACT.withEmail(EmailAddress.of("countess@example.org"));
    }

    // Purchases: two mugs at 4.50, in euros unless said otherwise

    static RecordPurchase purchase(String orderReference) {
        return purchase(orderReference, daysAgo(1));
    }

    static RecordPurchase purchase(String orderReference, Instant purchasedAt) {
        return new RecordPurchase(
                ADA,
                OrderReference.of(orderReference),
                purchasedAt,
                Money.of("9.00", "EUR"),
                List.of(twoMugsAt("4.50", "EUR")),
                SalesChannel.WEB);
    }

    static RecordPurchase purchaseWithLinePricedIn(String orderReference, String lineCurrency) {
        return new RecordPurchase(
                ADA,
                OrderReference.of(orderReference),
                daysAgo(1),
                Money.of("9.00", "EUR"),
                List.of(twoMugsAt("4.50", lineCurrency)),
                SalesChannel.WEB);
    }

    static PurchaseRecorded purchased(String orderReference) {
        return purchased(orderReference, daysAgo(1));
    }

    static PurchaseRecorded purchased(String orderReference, Instant purchasedAt) {
        return new PurchaseRecorded(
                ADA,
                OrderReference.of(orderReference),
                purchasedAt,
                Money.of("9.00", "EUR"),
                List.of(twoMugsAt("4.50", "EUR")),
                SalesChannel.WEB);
    }

    private static PurchaseLine twoMugsAt(String unitPrice, String currency) {
        return new PurchaseLine(MUG, 2, Money.of(unitPrice, currency));
    }

    // Consents: email marketing, collected on the web form

    static GrantConsent grant(Instant effectiveAt) {
        return grant(ConsentPurpose.MARKETING, effectiveAt);
    }

    static GrantConsent grant(ConsentPurpose purpose, Instant effectiveAt) {
        return new GrantConsent(ADA, Channel.EMAIL, purpose, WEB_FORM, LegalBasis.CONSENT, effectiveAt);
    }

    static ConsentGranted granted(Instant effectiveAt) {
        return granted(ConsentPurpose.MARKETING, effectiveAt);
    }

    static ConsentGranted granted(ConsentPurpose purpose, Instant effectiveAt) {
        return new ConsentGranted(ADA, Channel.EMAIL, purpose, WEB_FORM, LegalBasis.CONSENT, effectiveAt);
    }

    static WithdrawConsent withdraw(Instant effectiveAt) {
        return new WithdrawConsent(
                ADA, Channel.EMAIL, ConsentPurpose.MARKETING, WEB_FORM, LegalBasis.CONSENT, effectiveAt);
    }

    static ConsentWithdrawn withdrawn(Instant effectiveAt) {
        return new ConsentWithdrawn(
                ADA, Channel.EMAIL, ConsentPurpose.MARKETING, WEB_FORM, LegalBasis.CONSENT, effectiveAt);
    }

    // Churn

    static MarkChurned churn(Instant churnedAt) {
        return new MarkChurned(ADA, ChurnReason.PRICE, null, churnedAt);
    }

    static MarkChurned churn(ChurnReason reason, String detail) {
        return new MarkChurned(ADA, reason, detail, null);
    }

    static CustomerChurned churned(Instant churnedAt) {
        return new CustomerChurned(ADA, ChurnReason.PRICE, null, churnedAt);
    }

    static CustomerChurned churned(ChurnReason reason, String detail, Instant churnedAt) {
        return new CustomerChurned(ADA, reason, detail, churnedAt);
    }
}
