package org.clientele.command.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.clientele.events.campaign.AudienceAssigned;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.CampaignDefined;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.campaign.CampaignLaunched;
import org.clientele.events.campaign.ContactApproved;
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
import org.clientele.events.purchase.ReturnRecorded;
import org.clientele.events.purchase.SalesChannel;
import org.clientele.events.purchase.Sku;
import org.clientele.events.purchase.UnitPrice;
import org.springframework.stereotype.Component;

/**
 * Fills the event store with a realistic, deterministic customer file for the rebuild benchmark, about ten events a
 * customer: registrations, contact updates, consents granted and withdrawn, preferences, purchases with lines,
 * returns, churns, and campaigns with their audiences, approvals and delivery outcomes. The events go through the
 * event store's own append, with the real serialiser, so personal data is sealed with each customer's key as the
 * write side would; the commands and their rules are bypassed (the data is valid by construction), and no
 * projection sees them until the read side next starts. Run it with {@code java -jar clientele.jar generate-events}.
 */
@Component
public class HistoryGenerator {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant START = Instant.parse("2019-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = Duration.ofDays(6 * 365).toSeconds();
    private static final int CAMPAIGNS = 20;
    private static final int MEMBERS_PER_EVENT = 1_000;
    private static final String[] CITIES = {"Lyon", "Paris", "Lille", "Nantes", "Bordeaux", "Marseille"};
    private static final String[] COUNTRIES = {"FR", "FR", "FR", "BE", "DE", "GB"};

    private final EventStorageEngine store;
    private final TransactionManager transactions;

    HistoryGenerator(EventStorageEngine store, TransactionManager transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    /** Appends the history of {@code customers} customers, printing progress; returns the number of events. */
    public long generate(int customers, long seed, PrintStream out) {
        Generator generator = new Generator(new Random(seed), customers);
        long started = System.nanoTime();
        long written = 0;
        List<DomainEventMessage<?>> batch = new ArrayList<>(generator.campaigns());
        for (int customer = 0; customer < customers; customer++) {
            batch.addAll(generator.customer(customer));
            if (batch.size() >= 2_000 || customer == customers - 1) {
                List<DomainEventMessage<?>> chunk = List.copyOf(batch);
                transactions.executeInTransaction(() -> store.appendEvents(chunk));
                written += chunk.size();
                batch.clear();
                if ((customer + 1) % 50_000 == 0 || customer == customers - 1) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    out.printf(
                            "%,d customers, %,d events, %.0f events/s%n",
                            customer + 1, written, written / Math.max(seconds, 1e-3));
                }
            }
        }
        out.printf(
                "generated %,d events for %,d customers in %.1f s%n",
                written, customers, (System.nanoTime() - started) / 1e9);
        return written;
    }

    /**
     * The campaigns first (one customer in ten is in one audience, chosen by its number, so that the audiences are
     * known before the customers are written), then each customer's history in order.
     */
    static final class Generator {
        private final Random random;
        private final int customers;
        private final List<CampaignId> campaigns = new ArrayList<>();

        Generator(Random random, int customers) {
            this.random = random;
            this.customers = customers;
            for (int i = 0; i < CAMPAIGNS; i++) {
                campaigns.add(new CampaignId(new UUID(0x5eed_0000_0000_0000L, i)));
            }
        }

        private static UUID customerId(int index) {
            return new UUID(0xc0ffee_0000_0000L, index);
        }

        private static boolean inAudience(int index) {
            return index % 10 == 3;
        }

        private CampaignId campaignOf(int index) {
            return campaigns.get((index / 10) % CAMPAIGNS);
        }

        private static String armOf(int index) {
            return (index / 200) % 10 == 0 ? AudienceMember.CONTROL : (index / 10) % 2 == 0 ? "A" : "B";
        }

        List<DomainEventMessage<?>> customer(int index) {
            UUID uuid = customerId(index);
            CustomerId id = new CustomerId(uuid);
            Stream events = new Stream("Customer", uuid.toString());
            Instant at = START.plusSeconds((long) (random.nextDouble() * SPAN_SECONDS * 0.6));
            String city = CITIES[random.nextInt(CITIES.length)];
            ContactDetails contact = new ContactDetails(
                    PersonName.of("Ada" + index, "Customer" + index),
                    EmailAddress.of("customer" + index + "@example.com"),
                    random.nextInt(3) == 0 ? PhoneNumber.of("+33 6 " + (10_000_000 + index % 89_999_999)) : null,
                    new PostalAddress(
                            index + " rue de la Paix",
                            String.valueOf(69000 + index % 900),
                            city,
                            COUNTRIES[random.nextInt(COUNTRIES.length)]));
            events.add(new ContactRegistered(id, contact, Origin.of(random.nextBoolean() ? "web" : "shop"), at), at);
            if (random.nextInt(10) < 3) {
                at = later(at, 90);
                events.add(
                        new ContactDetailsUpdated(
                                id,
                                new ContactDetails(
                                        contact.name(),
                                        EmailAddress.of("c" + index + "@example.org"),
                                        contact.phone(),
                                        contact.address())),
                        at);
            }
            int consents = random.nextInt(3);
            for (int c = 0; c < consents; c++) {
                Channel channel = c == 0 ? Channel.EMAIL : Channel.SMS;
                at = later(at, 30);
                events.add(
                        new ConsentGranted(
                                id,
                                channel,
                                ConsentPurpose.MARKETING,
                                ConsentSource.of("web_form"),
                                LegalBasis.CONSENT,
                                at),
                        at);
                if (random.nextInt(5) == 0) {
                    at = later(at, 200);
                    events.add(
                            new ConsentWithdrawn(
                                    id,
                                    channel,
                                    ConsentPurpose.MARKETING,
                                    ConsentSource.of("unsubscribe_link"),
                                    LegalBasis.CONSENT,
                                    at),
                            at);
                }
            }
            if (random.nextInt(5) == 0) {
                at = later(at, 60);
                events.add(new PreferencesSet(id, EnumSet.of(Channel.EMAIL), 4, 30, null, at), at);
            }
            int purchases = (int) Math.round(-Math.log(1 - random.nextDouble()) * 5);
            for (int p = 0; p < purchases; p++) {
                at = later(at, 120);
                List<PurchaseLine> lines = new ArrayList<>();
                BigDecimal total = BigDecimal.ZERO;
                int lineCount = 1 + random.nextInt(3);
                for (int l = 0; l < lineCount; l++) {
                    BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(9_900), 2);
                    int quantity = 1 + random.nextInt(3);
                    lines.add(new PurchaseLine(
                            Sku.of("SKU-" + random.nextInt(2_000)), quantity, UnitPrice.of(new Money(price, EUR))));
                    total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
                }
                SalesChannel channel = random.nextInt(3) == 0 ? SalesChannel.SHOP : SalesChannel.WEB;
                events.add(
                        new PurchaseRecorded(
                                id,
                                OrderReference.of("G" + index + "-" + p),
                                at,
                                new Money(total, EUR),
                                lines,
                                channel),
                        at);
                if (random.nextInt(12) == 0) {
                    Instant returned = later(at, 20);
                    PurchaseLine line = lines.get(0);
                    events.add(
                            new ReturnRecorded(
                                    id,
                                    OrderReference.of("R" + index + "-" + p),
                                    returned,
                                    new Money(
                                            line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity())),
                                            EUR),
                                    List.of(line),
                                    channel),
                            returned);
                    at = returned;
                }
            }
            if (random.nextInt(20) == 0) {
                at = later(at, 300);
                events.add(new CustomerChurned(id, ChurnReason.PRICE, null, at), at);
            }
            // the audience's members outside the control group are contacted and sent the message
            if (inAudience(index)) {
                CampaignId campaign = campaignOf(index);
                String variant = armOf(index);
                if (!variant.equals(AudienceMember.CONTROL)) {
                    Instant sent = campaignDate(campaign);
                    events.add(new ContactApproved(id, campaign, Channel.EMAIL, variant, sent), sent);
                    events.add(
                            new DeliveryOutcomeRecorded(id, campaign, Channel.EMAIL, DeliveryOutcome.SENT, sent), sent);
                }
            }
            return events.messages;
        }

        /** Each campaign's definition, launch and audience. */
        List<DomainEventMessage<?>> campaigns() {
            List<DomainEventMessage<?>> all = new ArrayList<>();
            for (CampaignId campaign : campaigns) {
                Stream events = new Stream("Campaign", campaign.value().toString());
                Instant at = campaignDate(campaign);
                List<AudienceMember> members = new ArrayList<>();
                int first = campaigns.indexOf(campaign) * 10 + 3;
                for (int index = first; index < customers; index += 10 * CAMPAIGNS) {
                    members.add(
                            new AudienceMember(new CustomerId(customerId(index)), "lifecycle REPEAT", armOf(index)));
                }
                long control =
                        members.stream().filter(AudienceMember::isControl).count();
                events.add(
                        new CampaignDefined(
                                campaign,
                                "Campaign " + campaign.value().getLeastSignificantBits(),
                                "repeat purchase",
                                Channel.EMAIL,
                                ConsentPurpose.MARKETING,
                                null,
                                null,
                                null,
                                new Money(new BigDecimal("500.00"), EUR),
                                14,
                                new BigDecimal("0.1"),
                                List.of(
                                        new Variant("A", "10% off", null, new BigDecimal("0.5")),
                                        new Variant("B", "free shipping", null, new BigDecimal("0.5"))),
                                at.minusSeconds(86_400)),
                        at.minusSeconds(86_400));
                events.add(new CampaignLaunched(campaign, "lifecycle REPEAT", members.size(), (int) control, at), at);
                for (int from = 0; from < members.size(); from += MEMBERS_PER_EVENT) {
                    events.add(
                            new AudienceAssigned(
                                    campaign,
                                    members.subList(from, Math.min(members.size(), from + MEMBERS_PER_EVENT))),
                            at);
                }
                all.addAll(events.messages);
            }
            return all;
        }

        private static Instant campaignDate(CampaignId campaign) {
            return START.plus(Duration.ofDays(400 + 60 * campaign.value().getLeastSignificantBits()));
        }

        private Instant later(Instant at, int days) {
            return at.plusSeconds(3_600 + (long) (random.nextDouble() * days * 86_400));
        }
    }

    /** One aggregate's events with their sequence numbers. */
    private static final class Stream {
        private final String type;
        private final String aggregate;
        private final List<DomainEventMessage<?>> messages = new ArrayList<>();

        Stream(String type, String aggregate) {
            this.type = type;
            this.aggregate = aggregate;
        }

        private static final Random IDS = new Random(7);

        void add(Object payload, Instant at) {
            messages.add(new GenericDomainEventMessage<>(
                    type,
                    aggregate,
                    messages.size(),
                    payload,
                    MetaData.with("user", "generator").and("sourceSystem", "bench"),
                    new UUID(IDS.nextLong(), IDS.nextLong()).toString(),
                    at));
        }
    }
}
