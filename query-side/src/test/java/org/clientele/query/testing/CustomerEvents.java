package org.clientele.query.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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

/** The events of a customer's life, with plausible values for whatever a test does not care about. */
public final class CustomerEvents {

    private CustomerEvents() {}

    /** Whole seconds, so that an instant survives a round trip through a TIMESTAMPTZ column unchanged. */
    public static Instant daysAgo(int days) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(days));
    }

    public static ContactDetails contact(String firstName, String lastName, String email) {
        return new ContactDetails(
                PersonName.of(firstName, lastName),
                EmailAddress.of(email),
                PhoneNumber.of("+33 1 23 45 67 89"),
                new PostalAddress("1 rue de la Paix", "75002", "Paris", "FR"));
    }

    public static ContactRegistered registered(CustomerId customerId, ContactDetails contact) {
        return new ContactRegistered(customerId, contact, new Origin("crm", "web", "spring-sale"), daysAgo(400));
    }

    public static ContactRegistered registered(CustomerId customerId) {
        return registered(customerId, contact("Ada", "Lovelace", "ada." + customerId + "@example.com"));
    }

    public static ContactDetailsUpdated detailsUpdated(CustomerId customerId, ContactDetails contact) {
        return new ContactDetailsUpdated(customerId, contact);
    }

    public static PurchaseRecorded purchase(
            CustomerId customerId, String orderReference, Instant purchasedAt, String amount, String currency) {
        Money total = Money.of(amount, currency);
        return new PurchaseRecorded(
                customerId,
                OrderReference.of(orderReference),
                purchasedAt,
                total,
                List.of(new PurchaseLine(Sku.of("SKU-1"), 1, total)),
                SalesChannel.WEB);
    }

    public static PurchaseRecorded purchase(CustomerId customerId, String orderReference, Instant purchasedAt) {
        return purchase(customerId, orderReference, purchasedAt, "10.00", "EUR");
    }

    public static CustomerChurned churned(CustomerId customerId, Instant churnedAt) {
        return new CustomerChurned(customerId, ChurnReason.COMPETITOR, "went to a rival shop", churnedAt);
    }

    public static ConsentGranted consentGranted(
            CustomerId customerId, Channel channel, ConsentPurpose purpose, Instant effectiveAt) {
        return new ConsentGranted(
                customerId, channel, purpose, ConsentSource.of("web_form"), LegalBasis.CONSENT, effectiveAt);
    }

    public static ConsentWithdrawn consentWithdrawn(
            CustomerId customerId, Channel channel, ConsentPurpose purpose, Instant effectiveAt) {
        return new ConsentWithdrawn(
                customerId, channel, purpose, ConsentSource.of("unsubscribe_link"), null, effectiveAt);
    }
}
