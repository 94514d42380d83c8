package org.clientele.query.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.clientele.query.testing.CustomerEvents.churned;
import static org.clientele.query.testing.CustomerEvents.consentGranted;
import static org.clientele.query.testing.CustomerEvents.consentWithdrawn;
import static org.clientele.query.testing.CustomerEvents.contact;
import static org.clientele.query.testing.CustomerEvents.daysAgo;
import static org.clientele.query.testing.CustomerEvents.detailsUpdated;
import static org.clientele.query.testing.CustomerEvents.purchase;
import static org.clientele.query.testing.CustomerEvents.registered;
import static org.clientele.query.testing.Processors.TIMEOUT;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.CustomerId;
import org.clientele.platform.testing.TestDatabase;
import org.clientele.query.customer.LifecyclePhase;
import org.clientele.query.testing.EventStoreWriter;
import org.clientele.query.testing.Processors;
import org.clientele.query.testing.QuerySideIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The customer profile view on a real PostgreSQL: events go into the event store, the projection writes its
 * tables, the queries read them. The tests share one database, so each works on customers of its own.
 */
@QuerySideIntegrationTest
class CustomerProfileProjectionIT {

    /** Every column but the two that record when and how often a row was written, which a rebuild changes. */
    private static final String PROFILE_ROWS = "SELECT customer_id, first_name, last_name, email, phone, street, "
            + "postal_code, city, country, origin_source, origin_channel, origin_campaign, registered_at, "
            + "purchase_count, first_purchase_at, last_purchase_at, churned_at, churn_reason, churn_detail, phase, "
            + "phase_valid_until FROM customer_profile ORDER BY customer_id";

    private static final String PURCHASE_ROWS = "SELECT * FROM customer_purchase ORDER BY customer_id, order_reference";
    private static final String CONSENT_ROWS = "SELECT * FROM customer_consent ORDER BY customer_id, channel, purpose";

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        String url = TestDatabase.newDatabase();
        registry.add("spring.datasource.url", () -> url);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    QueryGateway queryGateway;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    private EventStoreWriter events;

    @BeforeEach
    void writer() {
        events = new EventStoreWriter(eventStore);
    }

    @Test
    void updatedContactDetailsReplaceTheRegisteredOnes() {
        CustomerId id = CustomerId.newId();
        events.publish(
                id,
                registered(id, contact("Ada", "Byron", "ada.byron@example.com")),
                detailsUpdated(id, contact("Ada", "Lovelace", "ada.lovelace@example.com")));

        CustomerProfileView profile =
                awaitProfile(id, view -> assertThat(view.email()).isEqualTo("ada.lovelace@example.com"));

        assertThat(profile.name()).isEqualTo(new CustomerProfileView.Name("Ada", "Lovelace"));
        assertThat(profile.address().city()).isEqualTo("Paris");
        assertThat(profile.origin()).isEqualTo(new CustomerProfileView.Origin("crm", "web", "spring-sale"));
        assertThat(profile.lifecycle().phase()).isEqualTo(LifecyclePhase.PROSPECT);
    }

    @Test
    void twoPurchasesMakeARepeatBuyer() {
        CustomerId id = CustomerId.newId();
        Instant first = daysAgo(60);
        Instant last = daysAgo(10);
        events.publish(
                id,
                registered(id),
                purchase(id, "O-1", first, "10.50", "EUR"),
                purchase(id, "O-2", last, "19.50", "EUR"));

        CustomerProfileView profile =
                awaitProfile(id, view -> assertThat(view.purchases().count()).isEqualTo(2));

        assertThat(profile.purchases().firstPurchaseAt()).isEqualTo(first);
        assertThat(profile.purchases().lastPurchaseAt()).isEqualTo(last);
        assertThat(profile.purchases().netSpent()).singleElement().satisfies(spent -> {
            assertThat(spent.currency()).isEqualTo("EUR");
            assertThat(spent.amount()).isEqualByComparingTo("30.00");
        });
        assertThat(profile.lifecycle().phase()).isEqualTo(LifecyclePhase.REPEAT);
        assertThat(storedRow(id)).containsEntry("purchase_count", 2).containsEntry("phase", "REPEAT");
    }

    @Test
    void orderRecordedTwiceInOneBatchCountsOnce() {
        CustomerId id = CustomerId.newId();
        events.publish(
                id,
                registered(id),
                purchase(id, "O-1", daysAgo(20)),
                purchase(id, "O-1", daysAgo(20)),
                detailsUpdated(id, contact("Ada", "Lovelace", "after.the.duplicate@example.com")));

        CustomerProfileView profile =
                awaitProfile(id, view -> assertThat(view.email()).isEqualTo("after.the.duplicate@example.com"));

        assertThat(profile.purchases().count()).isEqualTo(1);
        assertThat(profile.purchases().netSpent())
                .singleElement()
                .satisfies(spent -> assertThat(spent.amount()).isEqualByComparingTo("10.00"));
        assertThat(storedRow(id)).containsEntry("purchase_count", 1).containsEntry("phase", "FIRST_PURCHASE");
    }

    @Test
    void orderRecordedAgainInALaterBatchCountsOnce() {
        CustomerId id = CustomerId.newId();
        events.publish(id, registered(id), purchase(id, "O-1", daysAgo(20)));
        awaitProfile(id, view -> assertThat(view.purchases().count()).isEqualTo(1));

        events.publish(
                id,
                purchase(id, "O-1", daysAgo(20)),
                detailsUpdated(id, contact("Ada", "Lovelace", "after.the.duplicate@example.com")));
        CustomerProfileView profile =
                awaitProfile(id, view -> assertThat(view.email()).isEqualTo("after.the.duplicate@example.com"));

        assertThat(profile.purchases().count()).isEqualTo(1);
        assertThat(storedRow(id)).containsEntry("purchase_count", 1);
    }

    @Test
    void purchaseDatedSecondsAheadOfTheReadSideClockIsCounted() {
        CustomerId id = CustomerId.newId();
        Instant purchasedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
        events.publish(id, registered(id), purchase(id, "O-1", purchasedAt));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(storedRow(id))
                        .containsEntry("purchase_count", 1)
                        .containsEntry("phase", "FIRST_PURCHASE"));
    }

    @Test
    void withdrawnConsentShowsAsWithdrawn() {
        CustomerId id = CustomerId.newId();
        events.publish(
                id,
                registered(id),
                consentGranted(id, Channel.EMAIL, ConsentPurpose.MARKETING, daysAgo(5)),
                consentWithdrawn(id, Channel.EMAIL, ConsentPurpose.MARKETING, daysAgo(4)),
                consentGranted(id, Channel.SMS, ConsentPurpose.MARKETING, daysAgo(3)));
        awaitProfile(
                id,
                view -> assertThat(view.consents())
                        .extracting(CustomerProfileView.Consent::channel, CustomerProfileView.Consent::state)
                        .containsExactly(tuple("EMAIL", "WITHDRAWN"), tuple("SMS", "GRANTED")));

        Instant withdrawnAt = daysAgo(1);
        events.publish(id, consentWithdrawn(id, Channel.SMS, ConsentPurpose.MARKETING, withdrawnAt));

        CustomerProfileView profile = awaitProfile(
                id,
                view -> assertThat(view.consents())
                        .extracting(CustomerProfileView.Consent::channel, CustomerProfileView.Consent::state)
                        .containsExactly(tuple("EMAIL", "WITHDRAWN"), tuple("SMS", "WITHDRAWN")));
        assertThat(profile.consents().get(1).source()).isEqualTo("unsubscribe_link");
        assertThat(profile.consents().get(1).changedAt()).isEqualTo(withdrawnAt);
    }

    @Test
    void churnedCustomerWhoHasNotBoughtSinceIsChurned() {
        CustomerId id = CustomerId.newId();
        Instant churnedAt = daysAgo(50);
        events.publish(id, registered(id), purchase(id, "O-1", daysAgo(100)), churned(id, churnedAt));

        CustomerProfileView profile =
                awaitProfile(id, view -> assertThat(view.churn()).isNotNull());

        assertThat(profile.churn())
                .isEqualTo(new CustomerProfileView.Churn(churnedAt, "COMPETITOR", "went to a rival shop"));
        assertThat(profile.lifecycle().phase()).isEqualTo(LifecyclePhase.CHURNED);
        assertThat(profile.lifecycle().validUntil()).isNull();
        assertThat(storedRow(id)).containsEntry("phase", "CHURNED");
    }

    @Test
    void everyEventOfManyCustomersArrives() {
        List<CustomerId> ids =
                IntStream.range(0, 300).mapToObj(i -> CustomerId.newId()).toList();
        for (CustomerId id : ids) {
            events.add(id, registered(id), Map.of())
                    .add(id, purchase(id, "O-1", daysAgo(30)), Map.of())
                    .add(id, consentGranted(id, Channel.EMAIL, ConsentPurpose.MARKETING, daysAgo(30)), Map.of());
        }
        events.flush();
        UUID[] uuids = ids.stream().map(CustomerId::value).toArray(UUID[]::new);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM customer_profile WHERE customer_id = ANY(?) AND purchase_count = 1 "
                                        + "AND phase = 'FIRST_PURCHASE' AND email IS NOT NULL",
                                Integer.class,
                                (Object) uuids))
                        .isEqualTo(300));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM customer_purchase WHERE customer_id = ANY(?)", Integer.class, (Object)
                                uuids))
                .isEqualTo(300);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM customer_consent WHERE customer_id = ANY(?) AND granted",
                                Integer.class,
                                (Object) uuids))
                        .isEqualTo(300));
    }

    @Test
    void customersOfOnePhaseComePageByPageWithTheirCount() {
        long repeatBuyersBefore = page(LifecyclePhase.REPEAT, 0, 1).totalItems();
        List<String> repeatBuyers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CustomerId id = CustomerId.newId();
            events.publish(id, registered(id), purchase(id, "O-1", daysAgo(90)), purchase(id, "O-2", daysAgo(9)));
            repeatBuyers.add(id.toString());
        }
        List<String> prospects = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            CustomerId id = CustomerId.newId();
            events.publish(id, registered(id));
            prospects.add(id.toString());
        }
        long expected = repeatBuyersBefore + 5;
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(page(LifecyclePhase.REPEAT, 0, 1).totalItems()).isEqualTo(expected);
            prospects.forEach(id -> assertThat(profile(CustomerId.parse(id))).isPresent());
        });

        int size = 2;
        CustomerPage first = page(LifecyclePhase.REPEAT, 0, size);
        assertThat(first.totalItems()).isEqualTo(expected);
        assertThat(first.totalPages()).isEqualTo((expected + size - 1) / size);
        List<String> listed = new ArrayList<>();
        for (int number = 0; number < first.totalPages(); number++) {
            CustomerPage page = page(LifecyclePhase.REPEAT, number, size);
            long left = expected - (long) number * size;
            assertThat(page.page()).isEqualTo(number);
            assertThat(page.items())
                    .hasSize((int) Math.min(size, left))
                    .allSatisfy(item -> assertThat(item.phase()).isEqualTo(LifecyclePhase.REPEAT));
            page.items().forEach(item -> listed.add(item.customerId()));
        }
        assertThat(listed)
                .hasSize((int) expected)
                .doesNotHaveDuplicates()
                .isSorted()
                .containsAll(repeatBuyers)
                .doesNotContainAnyElementsOf(prospects);
        assertThat(page(LifecyclePhase.REPEAT, (int) first.totalPages(), size).items())
                .isEmpty();
        assertThat(page(null, 0, 1).totalItems())
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM customer_profile", Long.class));
    }

    @Test
    void rebuildingTheProjectionGivesIdenticalRows() {
        for (int i = 0; i < 40; i++) {
            CustomerId id = CustomerId.newId();
            events.add(id, registered(id), Map.of());
            for (int order = 0; order < i % 4; order++) {
                events.add(id, purchase(id, "O-" + order, daysAgo(10 + 150 * order), "12.34", "EUR"), Map.of());
            }
            if (i % 3 == 0) {
                events.add(id, consentGranted(id, Channel.SMS, ConsentPurpose.PARTNERS, daysAgo(8)), Map.of());
            }
            if (i % 5 == 0) {
                events.add(id, detailsUpdated(id, contact("Grace", "Hopper", "grace" + i + "@example.com")), Map.of());
            }
            if (i % 7 == 0) {
                events.add(id, churned(id, daysAgo(5)), Map.of());
            }
        }
        events.flush();
        StreamingEventProcessor processor =
                Processors.processor(processing, CustomerProfileProjection.PROCESSING_GROUP);
        Processors.awaitCaughtUp(processor, jdbc);
        Map<String, List<Map<String, Object>>> before = views();
        assertThat(before.get(PROFILE_ROWS)).hasSizeGreaterThanOrEqualTo(40);

        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_profile", Integer.class))
                .isZero();
        processor.start();

        Processors.awaitCaughtUp(processor, jdbc);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(views()).isEqualTo(before));
    }

    private Map<String, List<Map<String, Object>>> views() {
        return Map.of(
                PROFILE_ROWS,
                jdbc.queryForList(PROFILE_ROWS),
                PURCHASE_ROWS,
                jdbc.queryForList(PURCHASE_ROWS),
                CONSENT_ROWS,
                jdbc.queryForList(CONSENT_ROWS));
    }

    private CustomerProfileView awaitProfile(CustomerId id, Consumer<CustomerProfileView> expectation) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(profile(id)).hasValueSatisfying(expectation));
        return profile(id).orElseThrow();
    }

    private Optional<CustomerProfileView> profile(CustomerId id) {
        return queryGateway
                .query(new FindCustomerProfile(id), ResponseTypes.optionalInstanceOf(CustomerProfileView.class))
                .join();
    }

    private CustomerPage page(LifecyclePhase phase, int page, int size) {
        return queryGateway
                .query(new FindCustomersByPhase(phase, page, size), CustomerPage.class)
                .join();
    }

    /** The row as the projection wrote it, rather than the profile query, which re-assesses the phase. */
    private Map<String, Object> storedRow(CustomerId id) {
        return jdbc
                .queryForList("SELECT purchase_count, phase FROM customer_profile WHERE customer_id = ?", id.value())
                .stream()
                .findFirst()
                .orElse(Map.of());
    }
}
