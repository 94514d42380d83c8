package org.clientele.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.clientele.events.campaign.AudienceAssigned;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.CampaignClosed;
import org.clientele.events.campaign.CampaignDefined;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.campaign.CampaignLaunched;
import org.clientele.events.campaign.ContactApproved;
import org.clientele.events.campaign.ContactRefusal;
import org.clientele.events.campaign.ContactRefused;
import org.clientele.events.campaign.DeliveryOutcome;
import org.clientele.events.campaign.DeliveryOutcomeRecorded;
import org.clientele.events.campaign.Variant;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentGranted;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.consent.ConsentSource;
import org.clientele.events.consent.ConsentWithdrawn;
import org.clientele.events.consent.LegalBasis;
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
import org.clientele.events.customer.EmailAddress;
import org.clientele.events.customer.ErasureRequester;
import org.clientele.events.customer.ExternalReferenceLinked;
import org.clientele.events.customer.InvalidValue;
import org.clientele.events.customer.MergedFacts;
import org.clientele.events.customer.Origin;
import org.clientele.events.customer.PersonName;
import org.clientele.events.customer.PhoneNumber;
import org.clientele.events.customer.PostalAddress;
import org.clientele.events.purchase.Money;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseLine;
import org.clientele.events.purchase.PurchaseRecorded;
import org.clientele.events.purchase.ReturnRecorded;
import org.clientele.events.purchase.SalesChannel;
import org.clientele.events.purchase.Sku;
import org.clientele.events.purchase.UnitPrice;

/**
 * One instance of every event, with every part filled in, and a sparse variant where the optional parts are
 * absent. Adding an event means adding it here, which {@link EventsAreVersionedTest} enforces.
 */
final class SampleEvents {

    static final CustomerId CUSTOMER = new CustomerId(UUID.fromString("0b6e5c2a-4f1e-4d0e-9a51-3c2e8d7f6a10"));
    static final CampaignId CAMPAIGN = new CampaignId(UUID.fromString("3c9a1e7b-5d2f-4a8c-9b6e-1f0d2c3b4a59"));
    static final Instant AT = Instant.parse("2024-03-01T09:30:15.123456Z");

    private static final ContactDetails FULL_CONTACT = new ContactDetails(
            PersonName.of("Ada", "Lovelace"),
            EmailAddress.of("ada@example.org"),
            PhoneNumber.of("+44 20 7946 0958"),
            new PostalAddress("12 St James's Square", "SW1Y 4JH", "London", "GB"));

    private SampleEvents() {}

    static List<Object> complete() {
        return List.of(
                new ContactRegistered(
                        CUSTOMER,
                        new ContactDetails(
                                FULL_CONTACT.name(),
                                FULL_CONTACT.email(),
                                FULL_CONTACT.phone(),
                                FULL_CONTACT.address(),
                                List.of(new InvalidValue("phone", "06 12", "'06 12' is not a valid phone number"))),
                        new Origin("shop-import", "in-store", "spring-24"),
                        AT,
                        "C-17850"),
                new ContactDetailsUpdated(CUSTOMER, FULL_CONTACT),
                new PurchaseRecorded(
                        CUSTOMER,
                        OrderReference.of("A-1"),
                        AT,
                        Money.of("13.49", "EUR"),
                        List.of(
                                new PurchaseLine(Sku.of("MUG-1"), 2, Money.of("4.50", "EUR")),
                                new PurchaseLine(Sku.of("TEA-7"), 1, Money.of("4.49", "EUR"))),
                        SalesChannel.WEB),
                new ReturnRecorded(
                        CUSTOMER,
                        OrderReference.of("C-1"),
                        AT,
                        Money.of("4.50", "EUR"),
                        List.of(new PurchaseLine(
                                Sku.of("MUG-1"),
                                1,
                                new UnitPrice(new java.math.BigDecimal("4.5"), java.util.Currency.getInstance("EUR")))),
                        SalesChannel.WEB),
                new ConsentGranted(
                        CUSTOMER,
                        Channel.EMAIL,
                        ConsentPurpose.MARKETING,
                        ConsentSource.of("web_form"),
                        LegalBasis.CONSENT,
                        AT),
                new ConsentWithdrawn(
                        CUSTOMER,
                        Channel.EMAIL,
                        ConsentPurpose.MARKETING,
                        ConsentSource.of("unsubscribe_link"),
                        LegalBasis.CONSENT,
                        AT),
                new CustomerChurned(CUSTOMER, ChurnReason.OTHER, "went abroad for a year", AT),
                new ExternalReferenceLinked(CUSTOMER, "shop", "S-9"),
                new PreferencesSet(CUSTOMER, java.util.Set.of(Channel.EMAIL, Channel.SMS), 4, 30, AT, AT),
                new CustomerMergedInto(
                        CUSTOMER,
                        new CustomerId(java.util.UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f")),
                        "same person",
                        AT),
                new CustomersMerged(
                        CUSTOMER,
                        new CustomerId(java.util.UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f")),
                        new MergedFacts(
                                List.of(new MergedFacts.Order(
                                        OrderReference.of("D-1"),
                                        AT,
                                        new java.math.BigDecimal("9.99"),
                                        java.util.Currency.getInstance("EUR"),
                                        false)),
                                List.of(new MergedFacts.Consent(Channel.SMS, ConsentPurpose.MARKETING, true, AT))),
                        "same person",
                        AT),
                new CustomerErased(
                        CUSTOMER,
                        "DSR-2024-0042",
                        ErasureRequester.DATA_SUBJECT,
                        AT,
                        List.of(new CustomerId(java.util.UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f")))),
                new CampaignDefined(
                        CAMPAIGN,
                        "Spring tea",
                        "reactivation",
                        Channel.EMAIL,
                        ConsentPurpose.MARKETING,
                        "10% off",
                        "tpl-spring-24",
                        "inactive 12-24 months",
                        Money.of("1200.00", "EUR"),
                        30,
                        new java.math.BigDecimal("0.10"),
                        List.of(
                                new Variant("A", "10% off", "subject-a", new java.math.BigDecimal("0.5")),
                                new Variant("B", "free shipping", "subject-b", new java.math.BigDecimal("0.5"))),
                        AT),
                new CampaignLaunched(CAMPAIGN, "segment lifecycle INACTIVE 12-24 months as of 2024-03-01", 2, 1, AT),
                new AudienceAssigned(
                        CAMPAIGN,
                        List.of(
                                new AudienceMember(CUSTOMER, "INACTIVE 12-24 months", "A"),
                                new AudienceMember(CUSTOMER, null, AudienceMember.CONTROL))),
                new CampaignClosed(CAMPAIGN, AT),
                new ContactApproved(CUSTOMER, CAMPAIGN, Channel.EMAIL, "A", AT),
                new ContactRefused(CUSTOMER, CAMPAIGN, Channel.SMS, ContactRefusal.PRESSURE_CAP_CHANNEL, AT),
                new DeliveryOutcomeRecorded(CUSTOMER, CAMPAIGN, Channel.EMAIL, DeliveryOutcome.HARD_BOUNCE, AT));
    }

    static List<Object> sparse() {
        return List.of(
                new ContactRegistered(CUSTOMER, ContactDetails.none(), Origin.of("api"), AT),
                new ContactDetailsUpdated(
                        CUSTOMER,
                        new ContactDetails(
                                PersonName.of(null, "Lovelace"),
                                null,
                                null,
                                new PostalAddress(null, null, "London", null))),
                new PurchaseRecorded(
                        CUSTOMER, OrderReference.of("B-2"), AT, Money.of("1500", "JPY"), List.of(), SalesChannel.SHOP),
                new ReturnRecorded(CUSTOMER, OrderReference.of("C-2"), AT, Money.of("1500", "JPY"), null, null),
                new ConsentGranted(
                        CUSTOMER,
                        Channel.SMS,
                        ConsentPurpose.of("partners"),
                        ConsentSource.of("shop"),
                        LegalBasis.LEGITIMATE_INTERESTS,
                        AT),
                new ConsentWithdrawn(
                        CUSTOMER, Channel.POSTAL, ConsentPurpose.PROFILING, ConsentSource.of("import"), null, AT),
                new CustomerChurned(CUSTOMER, ChurnReason.PRICE, null, AT),
                new CustomerMergedInto(CUSTOMER, CUSTOMER, null, AT),
                new ExternalReferenceLinked(CUSTOMER, "crm", "C-17850"),
                new PreferencesSet(CUSTOMER, null, null, null, null, AT),
                new CustomersMerged(CUSTOMER, CUSTOMER, new MergedFacts(null, null), null, AT),
                new CustomerErased(CUSTOMER, "DSR-1", ErasureRequester.COMPANY, AT, null),
                new CampaignDefined(
                        CAMPAIGN,
                        "Plain",
                        null,
                        Channel.SMS,
                        ConsentPurpose.MARKETING,
                        null,
                        null,
                        null,
                        null,
                        7,
                        java.math.BigDecimal.ZERO,
                        null,
                        AT),
                new CampaignLaunched(CAMPAIGN, "explicit list", 0, 0, AT),
                new AudienceAssigned(CAMPAIGN, null),
                new CampaignClosed(CAMPAIGN, AT),
                new ContactApproved(CUSTOMER, CAMPAIGN, Channel.SMS, null, AT),
                new ContactRefused(CUSTOMER, CAMPAIGN, Channel.POSTAL, ContactRefusal.CONTROL_GROUP, AT),
                new DeliveryOutcomeRecorded(CUSTOMER, CAMPAIGN, Channel.SMS, DeliveryOutcome.OPENED, AT));
    }
}
