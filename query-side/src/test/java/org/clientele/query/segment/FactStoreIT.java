package org.clientele.query.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.clientele.query.customer.LifecyclePhase.FIRST_PURCHASE;
import static org.clientele.query.customer.LifecyclePhase.PROSPECT;
import static org.clientele.query.customer.LifecyclePhase.REPEAT;
import static org.clientele.query.testing.CustomerEvents.contact;
import static org.clientele.query.testing.Processors.TIMEOUT;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.CustomerMergedInto;
import org.clientele.events.customer.CustomersMerged;
import org.clientele.events.customer.MergedFacts;
import org.clientele.events.customer.Origin;
import org.clientele.events.purchase.Money;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseLine;
import org.clientele.events.purchase.PurchaseRecorded;
import org.clientele.events.purchase.SalesChannel;
import org.clientele.events.purchase.Sku;
import org.clientele.platform.testing.TestDatabase;
import org.clientele.query.customer.LifecyclePhase;
import org.clientele.query.customer.LifecycleSettings;
import org.clientele.query.profile.CustomerProfileProjection;
import org.clientele.query.segment.SegmentViews.Lifecycle;
import org.clientele.query.segment.SegmentViews.PhaseCount;
import org.clientele.query.segment.SegmentViews.SegmentMember;
import org.clientele.query.testing.EventStoreWriter;
import org.clientele.query.testing.Processors;
import org.clientele.query.testing.QuerySideIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The segment index reloads only the changed customers, rebuilds past its threshold, and survives a replay. */
@QuerySideIntegrationTest
// the index is built by the first query here, not ahead of it: the test follows one index from its first build
@org.springframework.test.context.TestPropertySource(properties = "clientele.segments.warm-up=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FactStoreIT {

    /** Every answer is as of this instant; every fact is dated some days before it. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final List<Integer> BANDS = List.of(12, 24, 36);
    private static final Currency GBP = Currency.getInstance("GBP");

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        String url = TestDatabase.newDatabase();
        registry.add("spring.datasource.url", () -> url);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    SegmentAnalysis segments;

    @Autowired
    FactStore store;

    @Autowired
    CustomerBase loader;

    @Autowired
    LifecycleSettings lifecycle;

    private EventStoreWriter writer;
    private final Map<UUID, String> names = new HashMap<>();

    private final CustomerId pia = customer("Pia"); // a prospect, until (a)
    private final CustomerId rex = customer("Rex"); // two orders: a repeat buyer throughout
    private final CustomerId sam = customer("Sam"); // one order; the survivor of (c)
    private final CustomerId dee = customer("Dee"); // one order; Sam's duplicate, merged in (c)
    private final CustomerId ola = customer("Ola"); // one order throughout
    private final CustomerId nia = customer("Nia"); // registered only in (b)

    /** The index the first answer built; later steps must still be answered from it. */
    private FactIndex built;

    @BeforeAll
    void writeTheFile() {
        writer = new EventStoreWriter(eventStore);
        registered(pia, 100);
        registered(rex, 200);
        bought(rex, "R-1", 150, "30.00", "MUG");
        bought(rex, "R-2", 50, "70.00", "REFILL");
        registered(sam, 300);
        bought(sam, "S-1", 100, "60.00", "STARTER-KIT");
        registered(dee, 90);
        bought(dee, "D-1", 60, "40.00", "GIFT-CARD");
        registered(ola, 40);
        bought(ola, "O-1", 30, "20.00", "MUG");
        publish();
    }

    @Test
    @Order(1)
    void theFirstAnswerBuildsTheIndexFromTheReadModel() {
        Lifecycle answer = segments.lifecycle(NOW, BANDS);

        assertThat(answer.customers()).isEqualTo(5);
        assertThat(phases(answer)).containsAllEntriesOf(Map.of(PROSPECT, 1L, FIRST_PURCHASE, 3L, REPEAT, 1L));
        assertThat(members(PROSPECT)).containsExactly("Pia");
        built = store.current().base();
        assertThat(built.size).isEqualTo(5);
    }

    @Test
    @Order(2)
    void aProspectsFirstPurchaseShowsInTheNextAnswerWithoutARebuild() {
        bought(pia, "P-1", 10, "25.00", "MUG");
        publish();

        Lifecycle answer = segments.lifecycle(NOW, BANDS);
        assertThat(answer.customers()).isEqualTo(5);
        assertThat(phases(answer)).containsAllEntriesOf(Map.of(PROSPECT, 0L, FIRST_PURCHASE, 4L, REPEAT, 1L));
        assertThat(members(FIRST_PURCHASE)).containsExactlyInAnyOrder("Pia", "Sam", "Dee", "Ola");
        assertThat(rfmMembers())
                .extracting(
                        this::name,
                        SegmentMember::orders,
                        member -> member.netValue().toPlainString())
                .containsExactlyInAnyOrder(
                        tuple("Pia", 1L, "25.00"),
                        tuple("Rex", 2L, "100.00"),
                        tuple("Sam", 1L, "60.00"),
                        tuple("Dee", 1L, "40.00"),
                        tuple("Ola", 1L, "20.00"));
        assertThat(store.current().base()).isSameAs(built);
    }

    @Test
    @Order(3)
    void aNewCustomerCountsInTheNextAnswerWithoutARebuild() {
        registered(nia, 5);
        publish();

        Lifecycle answer = segments.lifecycle(NOW, BANDS);
        assertThat(answer.customers()).isEqualTo(6);
        assertThat(phases(answer)).containsAllEntriesOf(Map.of(PROSPECT, 1L, FIRST_PURCHASE, 4L, REPEAT, 1L));
        assertThat(members(PROSPECT)).containsExactly("Nia");
        assertThat(store.current().base()).isSameAs(built);
    }

    @Test
    @Order(4)
    void aMergedDuplicateCountsOnceAsItsSurvivorWithoutARebuild() {
        Instant mergedAt = daysAgo(2);
        writer.add(dee, new CustomerMergedInto(dee, sam, "same person", mergedAt), Map.of());
        writer.add(
                sam,
                new CustomersMerged(
                        sam,
                        dee,
                        new MergedFacts(
                                List.of(new MergedFacts.Order(
                                        OrderReference.of("D-1"), daysAgo(60), new BigDecimal("40.00"), GBP, false)),
                                List.of()),
                        "same person",
                        mergedAt),
                Map.of());
        publish();

        Lifecycle answer = segments.lifecycle(NOW, BANDS);
        assertThat(answer.customers()).isEqualTo(5);
        // Sam now has his order and Dee's, both within the year: a repeat buyer
        assertThat(phases(answer)).containsAllEntriesOf(Map.of(PROSPECT, 1L, FIRST_PURCHASE, 2L, REPEAT, 2L));
        assertThat(members(REPEAT)).containsExactlyInAnyOrder("Rex", "Sam");
        assertThat(members(FIRST_PURCHASE)).containsExactlyInAnyOrder("Pia", "Ola");
        assertThat(rfmMembers())
                .extracting(
                        this::name,
                        SegmentMember::orders,
                        member -> member.netValue().toPlainString())
                .containsExactlyInAnyOrder(
                        tuple("Pia", 1L, "25.00"),
                        tuple("Rex", 2L, "100.00"),
                        tuple("Sam", 2L, "100.00"),
                        tuple("Ola", 1L, "20.00"));
        assertThat(segments.rfm(NOW, null, null).revenue()).isEqualByComparingTo("245.00");
        // Dee's product line now belongs to Sam; his first order is still his own
        assertThat(segments.recruitingProducts(NOW, 10).products())
                .extracting(SegmentViews.Product::sku, SegmentViews.Product::customers)
                .containsExactlyInAnyOrder(tuple("MUG", 3L), tuple("STARTER-KIT", 1L));
        assertThat(store.current().base()).isSameAs(built);
    }

    @Test
    @Order(5)
    void changesBeyondTheThresholdRebuildTheIndex() {
        FactStore strict = new FactStore(loader, jdbc, lifecycle, 1, false);
        FactIndex first = strict.current().base();
        assertThat(first.size).isEqualTo(5);

        bought(ola, "O-2", 3, "15.00", "REFILL");
        bought(rex, "R-3", 3, "15.00", "REFILL");
        publish();

        FactStore.Snapshot after = strict.current();
        assertThat(after.base()).isNotSameAs(first);
        assertThat(after.changes().size).isZero();
        assertThat(ids(after)).hasSize(5).contains(ola.value(), rex.value());
    }

    @Test
    @Order(6)
    void fewerChangesThanTheThresholdKeepTheIndex() {
        // five customers in the file; one changes, against a threshold of 2: the index must stay
        FactStore patient = new FactStore(loader, jdbc, lifecycle, 2, false);
        FactIndex first = patient.current().base();

        bought(nia, "N-1", 1, "12.00", "MUG");
        publish();

        FactStore.Snapshot after = patient.current();
        assertThat(after.base())
                .as("a single changed customer rebuilt the index")
                .isSameAs(first);
        assertThat(ids(after)).contains(nia.value()).doesNotContain(dee.value());
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the read model is empty while the projection rebuilds it
    void replayingTheProfileProjectionLeavesEveryAnswerAsItWas() {
        Map<String, Object> before = answers();
        assertThat(((Lifecycle) before.get("lifecycle")).customers()).isEqualTo(5);

        StreamingEventProcessor processor = profileProcessor();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_profile", Integer.class))
                .isZero();
        // the index follows the read model down to nothing
        assertThat(segments.lifecycle(NOW, BANDS).customers()).isZero();
        processor.start();
        Processors.awaitCaughtUp(processor, jdbc);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Map<String, Object> after = answers();
            before.forEach(
                    (view, answer) -> assertThat(after.get(view)).as(view).isEqualTo(answer));
        });
    }

    // ---- answers ----

    private Map<String, Object> answers() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("lifecycle", segments.lifecycle(NOW, BANDS));
        for (LifecyclePhase phase : LifecyclePhase.values()) {
            answers.put(phase + " members", members(phase));
        }
        answers.put("rfm", segments.rfm(NOW, null, null));
        answers.put("rfm members", rfmMembers());
        answers.put("transitions", segments.transitions(NOW.minus(Duration.ofDays(45)), NOW));
        answers.put("recruiting products", segments.recruitingProducts(NOW, 10));
        return answers;
    }

    private static Map<LifecyclePhase, Long> phases(Lifecycle answer) {
        Map<LifecyclePhase, Long> counts = new EnumMap<>(LifecyclePhase.class);
        answer.phases().forEach(count -> counts.put(count.phase(), count.customers()));
        assertThat(answer.phases().stream().mapToLong(PhaseCount::customers).sum())
                .isEqualTo(answer.customers());
        return counts;
    }

    private List<String> members(LifecyclePhase phase) {
        List<String> members = new ArrayList<>();
        segments.lifecycleMembers(NOW, phase, null, BANDS, member -> members.add(name(member)));
        return members.stream().sorted().toList();
    }

    private List<SegmentMember> rfmMembers() {
        List<SegmentMember> members = new ArrayList<>();
        segments.rfmMembers(NOW, null, null, null, members::add);
        members.sort((a, b) -> a.customerId().compareTo(b.customerId()));
        return members;
    }

    private static List<UUID> ids(FactStore.Snapshot snapshot) {
        List<UUID> ids = new ArrayList<>();
        snapshot.forEach((index, i) -> ids.add(index.id(i)));
        return ids;
    }

    private String name(SegmentMember member) {
        return names.getOrDefault(member.customerId(), member.customerId().toString());
    }

    private StreamingEventProcessor profileProcessor() {
        return Processors.processor(processing, CustomerProfileProjection.PROCESSING_GROUP);
    }

    // ---- writing the file ----

    private CustomerId customer(String name) {
        CustomerId id = CustomerId.newId();
        names.put(id.value(), name);
        return id;
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private void registered(CustomerId customer, int daysAgo) {
        String name = names.get(customer.value());
        writer.add(
                customer,
                new ContactRegistered(
                        customer,
                        contact(name, "Tester", name.toLowerCase() + "@example.com"),
                        new Origin("shop", "web", null),
                        daysAgo(daysAgo)),
                Map.of());
    }

    private void bought(CustomerId customer, String reference, int daysAgo, String amount, String sku) {
        Money total = Money.of(amount, "GBP");
        writer.add(
                customer,
                new PurchaseRecorded(
                        customer,
                        OrderReference.of(reference),
                        daysAgo(daysAgo),
                        total,
                        List.of(new PurchaseLine(Sku.of(sku), 1, total)),
                        SalesChannel.WEB),
                Map.of());
    }

    /** Appends what was collected and waits until the customer-profile projection has written it. */
    private void publish() {
        writer.flush();
        Processors.awaitCaughtUp(profileProcessor(), jdbc);
    }
}
