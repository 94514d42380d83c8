package org.clientele.query.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.clientele.query.customer.CustomerFeatures.plusMonths;
import static org.clientele.query.customer.LifecyclePhase.CHURNED;
import static org.clientele.query.customer.LifecyclePhase.DECLINING;
import static org.clientele.query.customer.LifecyclePhase.FIRST_PURCHASE;
import static org.clientele.query.customer.LifecyclePhase.INACTIVE;
import static org.clientele.query.customer.LifecyclePhase.PROSPECT;
import static org.clientele.query.customer.LifecyclePhase.REACTIVATED;
import static org.clientele.query.customer.LifecyclePhase.REPEAT;
import static org.clientele.query.testing.CustomerEvents.contact;
import static org.clientele.query.testing.Processors.TIMEOUT;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.clientele.events.customer.ChurnReason;
import org.clientele.events.customer.ContactRegistered;
import org.clientele.events.customer.CustomerChurned;
import org.clientele.events.customer.CustomerErased;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.ErasureRequester;
import org.clientele.events.customer.Origin;
import org.clientele.events.purchase.Money;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseLine;
import org.clientele.events.purchase.PurchaseRecorded;
import org.clientele.events.purchase.ReturnRecorded;
import org.clientele.events.purchase.SalesChannel;
import org.clientele.events.purchase.Sku;
import org.clientele.platform.testing.TestDatabase;
import org.clientele.query.QuerySideApplication;
import org.clientele.query.customer.LifecyclePhase;
import org.clientele.query.customer.PhaseHistory.Period;
import org.clientele.query.profile.CustomerProfileProjection;
import org.clientele.query.segment.SegmentViews.BandCount;
import org.clientele.query.segment.SegmentViews.Cohort;
import org.clientele.query.segment.SegmentViews.Horizon;
import org.clientele.query.segment.SegmentViews.Lifecycle;
import org.clientele.query.segment.SegmentViews.PhaseCount;
import org.clientele.query.segment.SegmentViews.Product;
import org.clientele.query.segment.SegmentViews.ProspectCohort;
import org.clientele.query.segment.SegmentViews.Rfm;
import org.clientele.query.segment.SegmentViews.RfmSegmentStats;
import org.clientele.query.segment.SegmentViews.ScoreCut;
import org.clientele.query.segment.SegmentViews.SeasonalBuyer;
import org.clientele.query.segment.SegmentViews.SegmentMember;
import org.clientele.query.segment.SegmentViews.TierStats;
import org.clientele.query.segment.SegmentViews.Tiers;
import org.clientele.query.segment.SegmentViews.Transition;
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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On a small customer file written by hand, every segment view gives the figures worked out by hand from
 * docs/segments.md and docs/lifecycle.md, answers as of a past date what a store holding only the events up to that
 * date answers, and answers the same after the customer-profile projection is replayed.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SegmentAnalysisIT {

    /** The date most figures are as of: the end of 2025, well in the past. */
    private static final Instant YEAR_END = Instant.parse("2025-12-31T23:59:59Z");

    /** An earlier date: transitions start there, and a store cut there must answer as the full one does. */
    private static final Instant MID_YEAR = Instant.parse("2025-06-30T23:59:59Z");

    private static final List<Integer> BANDS = List.of(12, 24, 36);
    private static final List<Double> QUANTILES = List.of(0.5, 0.8, 0.95);
    private static final List<BigDecimal> AMOUNTS =
            List.of(new BigDecimal("45.00"), new BigDecimal("100.00"), new BigDecimal("550.00"));
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
    CustomerBase customerBase;

    /** One event of the history with the date it carries: what decides whether a store cut at a date keeps it. */
    private record Dated(CustomerId customer, Instant at, Object event) {}

    private final Map<UUID, String> names = new HashMap<>();
    private final List<Dated> history = new ArrayList<>();

    private final CustomerId alice = customer("Alice");
    private final CustomerId bob = customer("Bob");
    private final CustomerId carol = customer("Carol");
    private final CustomerId dan = customer("Dan");
    private final CustomerId erin = customer("Erin");
    private final CustomerId frank = customer("Frank");
    private final CustomerId grace = customer("Grace");
    private final CustomerId heidi = customer("Heidi");
    private final CustomerId ivan = customer("Ivan");
    private final CustomerId judy = customer("Judy");
    private final CustomerId ken = customer("Ken");
    private final CustomerId leo = customer("Leo");
    private final CustomerId nina = customer("Nina");

    @BeforeAll
    void writeTheHistory() {
        // Alice: three orders and a return, all in 2025. Net 200 + 300 + 100 - 50 = 550.00. REPEAT at year end.
        registered(alice, "2025-03-10T12:00:00Z"); // with her first order: never a prospect
        bought(alice, "A-1", "2025-03-10T12:00:00Z", "200.00", "STARTER-KIT", "MUG");
        bought(alice, "A-2", "2025-09-15T12:00:00Z", "300.00", "REFILL");
        returned(alice, "A-R1", "2025-10-05T12:00:00Z", "50.00"); // a month with a return only
        bought(alice, "A-3", "2025-12-20T12:00:00Z", "100.00", "REFILL");

        // Bob: three orders in 2024, one in 2025 (less than 12 months after the previous: no comeback).
        // Net 40 + 60 + 50 + 30 = 180.00. REPEAT at mid-year (2 recent, 2 prior), DECLINING at year end (1 recent
        // against 3 prior: 1 <= 0.5 * 3).
        registered(bob, "2024-02-10T12:00:00Z");
        bought(bob, "B-1", "2024-02-10T12:00:00Z", "40.00", "STARTER-KIT");
        bought(bob, "B-2", "2024-05-10T12:00:00Z", "60.00", "REFILL");
        bought(bob, "B-3", "2024-08-10T12:00:00Z", "50.00", "REFILL");
        bought(bob, "B-4", "2025-06-05T12:00:00Z", "30.00", "REFILL");

        // Carol: two orders in 2024, the last on 2024-11-20. Net 45.00. REPEAT at mid-year, INACTIVE from
        // 2025-11-20 (12-24 months band at year end).
        registered(carol, "2024-09-01T12:00:00Z");
        bought(carol, "C-1", "2024-09-01T12:00:00Z", "20.00", "MUG", "MUG"); // one product on two lines
        bought(carol, "C-2", "2024-11-20T12:00:00Z", "25.00", "REFILL");

        // Dan: one order in 2023, registered from an old file only in September 2025 (after mid-year: a store cut
        // at mid-year holds his order but not his registration). Net 15.00. INACTIVE, 24-36 months at year end.
        registered(dan, "2025-09-01T12:00:00Z");
        bought(dan, "D-1", "2023-06-15T12:00:00Z", "15.00", "STARTER-KIT");

        // Erin: one order in 2022. Net 80.00. INACTIVE, 36+ months.
        registered(erin, "2022-03-01T12:00:00Z");
        bought(erin, "E-1", "2022-03-01T12:00:00Z", "80.00", "GIFT-CARD");

        // Frank: one order, then marked as churned on 2025-08-01 (after mid-year). Net 80.00 (ties Erin's).
        registered(frank, "2025-01-15T12:00:00Z");
        bought(frank, "F-1", "2025-01-15T12:00:00Z", "80.00", "STARTER-KIT", "GIFT-CARD");
        churned(frank, "2025-08-01T12:00:00Z");

        // Grace: a prospect from 2023-11-15, first order on a leap day, back 13 months later (a comeback).
        // Net 200.00. REACTIVATED at mid-year and year end.
        registered(grace, "2023-11-15T09:00:00Z");
        bought(grace, "G-1", "2024-02-29T12:00:00Z", "100.00", "MUG");
        bought(grace, "G-2", "2025-04-10T12:00:00Z", "100.00", "STARTER-KIT"); // not a first order

        // Heidi: a prospect from 2025-02-10 who never buys.
        registered(heidi, "2025-02-10T10:00:00Z");

        // Ivan, Judy and Ken: the prospects of January 2025.
        registered(ivan, "2025-01-05T10:00:00Z");
        bought(ivan, "I-1", "2025-03-01T12:00:00Z", "25.00", "STARTER-KIT"); // within 3 months
        bought(ivan, "I-2", "2025-11-10T12:00:00Z", "35.00", "REFILL");
        registered(judy, "2025-01-20T10:00:00Z");
        bought(judy, "J-1", "2025-05-10T12:00:00Z", "45.00", "GIFT-CARD"); // within 6 months, not 3
        bought(judy, "J-2", "2026-02-01T12:00:00Z", "500.00", "REFILL"); // after year end: never counted here
        registered(ken, "2025-01-25T10:00:00Z");
        erased(ken, "2025-05-01T10:00:00Z"); // erased between 3 and 6 months, without buying

        // Leo: SEEDS every spring 2023, 2024, 2025, TOOLS in autumn 2023 and 2025; no gap of 12 months.
        // Net 12 + 30 + 14 + 16 + 30 = 102.00. DECLINING at mid-year (1 recent against 2 prior), REPEAT at year end
        // (2 recent, 1 prior).
        registered(leo, "2023-04-12T12:00:00Z");
        bought(leo, "L-1", "2023-04-12T12:00:00Z", "12.00", "SEEDS");
        bought(leo, "L-2", "2023-10-01T12:00:00Z", "30.00", "TOOLS");
        bought(leo, "L-3", "2024-04-18T12:00:00Z", "14.00", "SEEDS");
        bought(leo, "L-4", "2025-04-15T12:00:00Z", "16.00", "SEEDS");
        bought(leo, "L-5", "2025-09-20T12:00:00Z", "30.00", "TOOLS");

        // Nina: a prospect from 2025-08-15 (after mid-year), who buys only after year end.
        registered(nina, "2025-08-15T10:00:00Z");
        bought(nina, "N-1", "2026-01-10T12:00:00Z", "20.00", "MUG");

        publish(history, new EventStoreWriter(eventStore));
        Processors.awaitCaughtUp(profileProcessor(), jdbc);
    }

    @Test
    void rfmScoresEachBuyerByQuintileWithTheTieRule() {
        // Ten buyers by year end (Heidi, Ken and Nina have no order by then; Judy's and Nina's 2026 orders are later).
        // Score = 1 + floor(5 * below / 10) = 1 + floor(below / 2), below = buyers with a strictly lower value.
        // Recency, oldest first: Erin 0, Dan 1 -> 1; Carol 2, Frank 3 -> 2; Grace 4, Judy 5 -> 3; Bob 6, Leo 7 -> 4;
        //   Ivan 8, Alice 9 -> 5.
        // Frequency: four one-time buyers (Dan, Erin, Frank, Judy) have 0 below -> 1; the three with 2 orders have 4
        //   below -> 3 (no one scores 2); Alice's 3 has 7 below -> 4; Bob's 4 (8 below) and Leo's 5 (9 below) -> 5.
        // Monetary: Dan 15 (0 below) -> 1; Carol and Judy 45 (1 below) -> 1; Ivan 60 (3) -> 2; Frank and Erin 80 (4)
        //   -> 3; Leo 102 (6) -> 4; Bob 180 (7) -> 4; Grace 200 (8) -> 5; Alice 550 (9) -> 5.
        // Segment from R and FM = ceil((F + M) / 2), by the grid of docs/segments.md.
        assertThat(rfmMembers(YEAR_END, null))
                .extracting(
                        this::name,
                        SegmentMember::recencyScore,
                        SegmentMember::frequencyScore,
                        SegmentMember::monetaryScore,
                        SegmentMember::segment,
                        SegmentMember::orders,
                        member -> member.netValue().toPlainString(),
                        SegmentMember::lastPurchaseAt)
                .containsExactlyInAnyOrder(
                        // FM = ceil(9 / 2) = 5, R 5 -> Champions
                        tuple("Alice", 5, 4, 5, "CHAMPIONS", 3L, "550.00", at("2025-12-20T12:00:00Z")),
                        // FM = ceil(9 / 2) = 5, R 4 -> Champions
                        tuple("Bob", 4, 5, 4, "CHAMPIONS", 4L, "180.00", at("2025-06-05T12:00:00Z")),
                        tuple("Leo", 4, 5, 4, "CHAMPIONS", 5L, "102.00", at("2025-09-20T12:00:00Z")),
                        // FM = ceil(5 / 2) = 3, R 5 -> Potential loyalist
                        tuple("Ivan", 5, 3, 2, "POTENTIAL_LOYALIST", 2L, "60.00", at("2025-11-10T12:00:00Z")),
                        // FM = ceil(8 / 2) = 4, R 3 -> Loyal
                        tuple("Grace", 3, 3, 5, "LOYAL", 2L, "200.00", at("2025-04-10T12:00:00Z")),
                        // FM = 1, R 3 -> About to sleep
                        tuple("Judy", 3, 1, 1, "ABOUT_TO_SLEEP", 1L, "45.00", at("2025-05-10T12:00:00Z")),
                        // FM = 2, R 2 -> About to sleep
                        tuple("Frank", 2, 1, 3, "ABOUT_TO_SLEEP", 1L, "80.00", at("2025-01-15T12:00:00Z")),
                        tuple("Carol", 2, 3, 1, "ABOUT_TO_SLEEP", 2L, "45.00", at("2024-11-20T12:00:00Z")),
                        // FM = 2, R 1 -> Hibernating
                        tuple("Erin", 1, 1, 3, "HIBERNATING", 1L, "80.00", at("2022-03-01T12:00:00Z")),
                        // FM = 1, R 1 -> Lost
                        tuple("Dan", 1, 1, 1, "LOST", 1L, "15.00", at("2023-06-15T12:00:00Z")));

        Rfm rfm = segments.rfm(YEAR_END, null, null);
        assertThat(rfm.currency()).isEqualTo("GBP");
        assertThat(rfm.windowStart()).isNull();
        assertThat(rfm.customers()).isEqualTo(10);
        // 550 + 180 + 45 + 15 + 80 + 80 + 200 + 60 + 45 + 102
        assertThat(rfm.revenue()).isEqualByComparingTo("1357.00");
        assertThat(rfm.segments())
                .filteredOn(segment -> segment.customers() > 0)
                .extracting(
                        RfmSegmentStats::segment,
                        RfmSegmentStats::customers,
                        segment -> segment.revenue().toPlainString(),
                        RfmSegmentStats::revenueShare,
                        RfmSegmentStats::orders,
                        segment -> segment.averageBasket().toPlainString())
                .containsExactlyInAnyOrder(
                        // 550 + 180 + 102 = 832; 832 / 1357 = 0.61312; 832 / (3 + 4 + 5) orders = 69.333
                        tuple("CHAMPIONS", 3L, "832.00", 0.6131, 12L, "69.33"),
                        // 60 / 1357 = 0.04422; 60 / 2 = 30
                        tuple("POTENTIAL_LOYALIST", 1L, "60.00", 0.0442, 2L, "30.00"),
                        // 200 / 1357 = 0.14738; 200 / 2 = 100
                        tuple("LOYAL", 1L, "200.00", 0.1474, 2L, "100.00"),
                        // 45 + 80 + 45 = 170; 170 / 1357 = 0.12528; 170 / (1 + 1 + 2) = 42.50
                        tuple("ABOUT_TO_SLEEP", 3L, "170.00", 0.1253, 4L, "42.50"),
                        // 80 / 1357 = 0.05895
                        tuple("HIBERNATING", 1L, "80.00", 0.0590, 1L, "80.00"),
                        // 15 / 1357 = 0.01105
                        tuple("LOST", 1L, "15.00", 0.0111, 1L, "15.00"));
        assertThat(rfm.segments())
                .filteredOn(segment -> segment.customers() == 0)
                .allSatisfy(segment -> {
                    assertThat(segment.revenue()).isZero();
                    assertThat(segment.orders()).isZero();
                    assertThat(segment.averageBasket()).isNull();
                });
        assertThat(rfm.segments().stream().map(RfmSegmentStats::revenue).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(rfm.revenue());
        // the lowest value reaching scores 1 to 5: with the tie of one-time buyers, no one reaches F = 2
        assertThat(rfm.cuts())
                .extracting(ScoreCut::lowestValueForScore)
                .containsExactly(
                        List.of(
                                "2022-03-01T12:00:00Z",
                                "2024-11-20T12:00:00Z",
                                "2025-04-10T12:00:00Z",
                                "2025-06-05T12:00:00Z",
                                "2025-11-10T12:00:00Z"),
                        List.of("1", "-", "2", "3", "4"),
                        List.of("15.00", "60.00", "80.00", "102.00", "200.00"));
    }

    @Test
    void rfmOverAWindowScoresOnlyTheWindowsOrders() {
        // 12 months before year end: orders after 2024-12-31T23:59:59Z. Carol, Dan and Erin drop out; Bob keeps
        // B-4 only, Grace G-2 only, Leo L-4 and L-5.
        Rfm rfm = segments.rfm(YEAR_END, 12, "GBP");
        assertThat(rfm.windowStart()).isEqualTo(at("2024-12-31T23:59:59Z"));
        assertThat(rfm.customers()).isEqualTo(7);
        // Alice 550 + Bob 30 + Frank 80 + Grace 100 + Ivan 60 + Judy 45 + Leo (16 + 30)
        assertThat(rfm.revenue()).isEqualByComparingTo("911.00");
        assertThat(rfmMembers(YEAR_END, 12))
                .extracting(
                        this::name,
                        SegmentMember::orders,
                        member -> member.netValue().toPlainString())
                .containsExactlyInAnyOrder(
                        tuple("Alice", 3L, "550.00"),
                        tuple("Bob", 1L, "30.00"),
                        tuple("Frank", 1L, "80.00"),
                        tuple("Grace", 1L, "100.00"),
                        tuple("Ivan", 2L, "60.00"),
                        tuple("Judy", 1L, "45.00"),
                        tuple("Leo", 2L, "46.00"));
    }

    @Test
    void valueTiersCutAtTheQuantilesOrAtAmounts() {
        // Net values, lowest first (rank 0 to 9): 15 Dan, 45 Carol, 45 Judy, 60 Ivan, 80 Frank, 80 Erin, 102 Leo,
        // 180 Bob, 200 Grace, 550 Alice. Cuts at ranks floor(0.5 * 10) = 5 -> 80, floor(0.8 * 10) = 8 -> 200,
        // floor(0.95 * 10) = 9 -> 550; value >= cut goes up, so Frank's 80 (rank 4) ties into MEDIUM.
        Tiers byQuantile = segments.tiers(YEAR_END, null, null, QUANTILES, null);
        assertThat(byQuantile.cutBy()).isEqualTo("QUANTILE [0.5, 0.8, 0.95]");
        assertThat(byQuantile.cutPoints())
                .extracting(BigDecimal::toPlainString)
                .containsExactly("80.00", "200.00", "550.00");
        assertThat(byQuantile.customers()).isEqualTo(10);
        assertThat(byQuantile.revenue()).isEqualByComparingTo("1357.00");
        assertThat(byQuantile.tiers())
                .extracting(
                        TierStats::tier,
                        tier -> plain(tier.from()),
                        tier -> plain(tier.below()),
                        TierStats::customers,
                        tier -> tier.revenue().toPlainString(),
                        TierStats::revenueShare)
                .containsExactly(
                        // 15 + 45 + 45 + 60 = 165; 165 / 1357 = 0.12159
                        tuple(ValueTiers.SMALL, null, "80.00", 4L, "165.00", 0.1216),
                        // 80 + 80 + 102 + 180 = 442; 442 / 1357 = 0.32572
                        tuple(ValueTiers.MEDIUM, "80.00", "200.00", 4L, "442.00", 0.3257),
                        // 200 / 1357 = 0.14738
                        tuple(ValueTiers.LARGE, "200.00", "550.00", 1L, "200.00", 0.1474),
                        // 550 / 1357 = 0.40531
                        tuple(ValueTiers.VERY_LARGE, "550.00", null, 1L, "550.00", 0.4053));
        assertThat(tierMembers(YEAR_END, QUANTILES, null))
                .containsOnly(
                        Map.entry("Dan", "SMALL"),
                        Map.entry("Carol", "SMALL"),
                        Map.entry("Judy", "SMALL"),
                        Map.entry("Ivan", "SMALL"),
                        Map.entry("Frank", "MEDIUM"),
                        Map.entry("Erin", "MEDIUM"),
                        Map.entry("Leo", "MEDIUM"),
                        Map.entry("Bob", "MEDIUM"),
                        Map.entry("Grace", "LARGE"),
                        Map.entry("Alice", "VERY_LARGE"));

        // Cuts at 45, 100 and 550: a value equal to a cut (Carol's and Judy's 45, Alice's 550) goes to the upper tier.
        Tiers byAmount = segments.tiers(YEAR_END, null, null, null, AMOUNTS);
        assertThat(byAmount.cutBy()).isEqualTo("AMOUNT");
        assertThat(byAmount.cutPoints())
                .extracting(BigDecimal::toPlainString)
                .containsExactly("45.00", "100.00", "550.00");
        assertThat(byAmount.tiers())
                .extracting(
                        TierStats::tier,
                        TierStats::customers,
                        tier -> tier.revenue().toPlainString(),
                        TierStats::revenueShare)
                .containsExactly(
                        // Dan 15; 15 / 1357 = 0.01105
                        tuple(ValueTiers.SMALL, 1L, "15.00", 0.0111),
                        // Carol 45 + Judy 45 + Ivan 60 + Frank 80 + Erin 80 = 310; 310 / 1357 = 0.22845
                        tuple(ValueTiers.MEDIUM, 5L, "310.00", 0.2284),
                        // Leo 102 + Bob 180 + Grace 200 = 482; 482 / 1357 = 0.35520
                        tuple(ValueTiers.LARGE, 3L, "482.00", 0.3552),
                        tuple(ValueTiers.VERY_LARGE, 1L, "550.00", 0.4053));
        assertThat(tierMembers(YEAR_END, null, AMOUNTS))
                .containsOnly(
                        Map.entry("Dan", "SMALL"),
                        Map.entry("Carol", "MEDIUM"),
                        Map.entry("Judy", "MEDIUM"),
                        Map.entry("Ivan", "MEDIUM"),
                        Map.entry("Frank", "MEDIUM"),
                        Map.entry("Erin", "MEDIUM"),
                        Map.entry("Leo", "LARGE"),
                        Map.entry("Bob", "LARGE"),
                        Map.entry("Grace", "LARGE"),
                        Map.entry("Alice", "VERY_LARGE"));
    }

    @Test
    void lifecycleCountsEveryCustomerOnceByPhaseAndTheInactiveByBand() {
        // 13 customers by year end (Nina registered in August, Dan known by his 2023 order, Ken erased but counted).
        Lifecycle lifecycle = segments.lifecycle(YEAR_END, BANDS);
        assertThat(lifecycle.customers()).isEqualTo(13);
        assertThat(lifecycle.phases())
                .extracting(PhaseCount::phase, PhaseCount::customers, PhaseCount::share)
                .containsExactly(
                        tuple(PROSPECT, 3L, 0.2308), // Heidi, Ken, Nina: 3 / 13
                        tuple(FIRST_PURCHASE, 1L, 0.0769), // Judy: 1 / 13
                        tuple(REPEAT, 3L, 0.2308), // Alice, Ivan, Leo
                        tuple(DECLINING, 1L, 0.0769), // Bob
                        tuple(INACTIVE, 3L, 0.2308), // Carol, Dan, Erin
                        tuple(CHURNED, 1L, 0.0769), // Frank
                        tuple(REACTIVATED, 1L, 0.0769)); // Grace
        assertThat(lifecycle.phases().stream().mapToLong(PhaseCount::customers).sum())
                .isEqualTo(lifecycle.customers());
        // Carol: 2024-11-20 + 12 months <= year end < + 24; Dan: 2023-06-15 + 24 <= year end < + 36; Erin: 2022-03-01
        // + 36 <= year end. No band below 12 months: INACTIVE starts at 12.
        assertThat(lifecycle.inactivityBands())
                .containsExactly(
                        new BandCount("12-24 months", 12, 24, 1),
                        new BandCount("24-36 months", 24, 36, 1),
                        new BandCount("36+ months", 36, null, 1));
        assertThat(lifecycleMembers(YEAR_END, INACTIVE, 12)).containsExactly("Carol");
        assertThat(lifecycleMembers(YEAR_END, INACTIVE, 24)).containsExactly("Dan");
        assertThat(lifecycleMembers(YEAR_END, INACTIVE, 36)).containsExactly("Erin");
        assertThat(lifecycleMembers(YEAR_END, PROSPECT, null)).containsExactlyInAnyOrder("Heidi", "Ken", "Nina");

        // Dan enters the 24-36 band at the very instant of his last order plus 24 calendar months
        Instant danPlus24 = at("2025-06-15T12:00:00Z");
        assertThat(lifecycleMembers(danPlus24.minusSeconds(1), INACTIVE, 24)).isEmpty();
        assertThat(lifecycleMembers(danPlus24.minusSeconds(1), INACTIVE, 12)).containsExactly("Dan");
        assertThat(lifecycleMembers(danPlus24, INACTIVE, 24)).containsExactly("Dan");
    }

    @Test
    void transitionsGiveEachCustomersPhaseAtBothDates() {
        assertThat(segments.transitions(MID_YEAR, YEAR_END).customers()).isEqualTo(13);
        assertThat(segments.transitions(MID_YEAR, YEAR_END).transitions())
                .containsExactlyInAnyOrder(
                        new Transition(null, PROSPECT, 1), // Nina, registered in August
                        new Transition(PROSPECT, PROSPECT, 2), // Heidi, Ken
                        new Transition(FIRST_PURCHASE, FIRST_PURCHASE, 1), // Judy
                        new Transition(FIRST_PURCHASE, REPEAT, 2), // Alice, Ivan: second order after mid-year
                        new Transition(FIRST_PURCHASE, CHURNED, 1), // Frank, churned in August
                        new Transition(REPEAT, DECLINING, 1), // Bob
                        new Transition(REPEAT, INACTIVE, 1), // Carol, inactive from 2025-11-20
                        new Transition(DECLINING, REPEAT, 1), // Leo: L-2 left the prior window, L-5 came
                        new Transition(INACTIVE, INACTIVE, 2), // Dan, Erin
                        new Transition(REACTIVATED, REACTIVATED, 1)); // Grace
    }

    @Test
    void phaseHistoryEntersEachPhaseAtItsExactInstant() {
        Instant until = at("2026-06-30T00:00:00Z");
        assertThat(segments.phaseHistory(grace.value(), until))
                .hasValueSatisfying(phases -> assertThat(phases.periods())
                        .containsExactly(
                                new Period(PROSPECT, at("2023-11-15T09:00:00Z"), at("2024-02-29T12:00:00Z")),
                                // 2024-02-29 plus 12 calendar months is 2025-02-28
                                new Period(FIRST_PURCHASE, at("2024-02-29T12:00:00Z"), at("2025-02-28T12:00:00Z")),
                                new Period(INACTIVE, at("2025-02-28T12:00:00Z"), at("2025-04-10T12:00:00Z")),
                                // a comeback: 2025-04-10 is after 2025-02-28; reactivated for 12 months, when the
                                // inactivity rule (which comes first) applies again
                                new Period(REACTIVATED, at("2025-04-10T12:00:00Z"), at("2026-04-10T12:00:00Z")),
                                new Period(INACTIVE, at("2026-04-10T12:00:00Z"), null)));
        // the lifecycle view agrees on either side of the instant
        assertThat(lifecycleMembers(at("2025-02-28T11:59:59Z"), FIRST_PURCHASE, null))
                .contains("Grace");
        assertThat(lifecycleMembers(at("2025-02-28T12:00:00Z"), INACTIVE, null)).contains("Grace");

        assertThat(segments.phaseHistory(frank.value(), until))
                .hasValueSatisfying(phases -> assertThat(phases.periods())
                        .containsExactly(
                                new Period(FIRST_PURCHASE, at("2025-01-15T12:00:00Z"), at("2025-08-01T12:00:00Z")),
                                new Period(CHURNED, at("2025-08-01T12:00:00Z"), null)));
        assertThat(segments.phaseHistory(nina.value(), at("2025-08-01T00:00:00Z")))
                .isEmpty(); // not in the file yet
        assertThat(segments.phaseHistory(UUID.randomUUID(), until)).isEmpty();
    }

    @Test
    void retentionFollowsEachCohortMonthByMonth() {
        List<Cohort> cohorts = segments.retention(YEAR_END).cohorts();
        // cohorts by the month of the first order (a return is never an order)
        assertThat(cohorts)
                .extracting(Cohort::month, Cohort::customers)
                .containsExactly(
                        tuple("2022-03", 1L), // Erin
                        tuple("2023-04", 1L), // Leo
                        tuple("2023-06", 1L), // Dan
                        tuple("2024-02", 2L), // Bob, Grace
                        tuple("2024-09", 1L), // Carol
                        tuple("2025-01", 1L), // Frank
                        tuple("2025-03", 2L), // Alice, Ivan
                        tuple("2025-05", 1L)); // Judy
        // 2024-02 to 2025-12: months 0 to 22. Bob buys in months 0, 3 (May), 6 (Aug), 16 (June 2025); Grace in
        // months 0 and 14 (April 2025). One of two = 0.5.
        assertThat(cohort(cohorts, "2024-02").buyingInMonth())
                .containsExactlyElementsOf(monthly(23, Map.of(0, 1.0, 3, 0.5, 6, 0.5, 14, 0.5, 16, 0.5)));
        // 2025-03 to 2025-12: months 0 to 9. Alice buys in months 0, 6 (Sept) and 9 (Dec), her return in month 7
        // (Oct) does not count; Ivan buys in months 0 and 8 (Nov).
        assertThat(cohort(cohorts, "2025-03").buyingInMonth())
                .containsExactly(1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.0, 0.5, 0.5);
    }

    @Test
    void prospectCohortsAtThreeSixAndTwelveMonths() {
        List<ProspectCohort> cohorts = segments.prospects(YEAR_END).cohorts();
        // Only contacts registered before their first order; the others (registered with it, or like Dan after it)
        // never were prospects.
        assertThat(cohorts)
                .extracting(ProspectCohort::month)
                .containsExactly("2023-11", "2025-01", "2025-02", "2025-08");
        // Grace, registered 2023-11-15, first order 2024-02-29: after 3 months (2024-02-15) still a prospect.
        assertThat(prospectCohort(cohorts, "2023-11"))
                .isEqualTo(new ProspectCohort(
                        "2023-11",
                        1,
                        List.of(
                                new Horizon(3, true, 1, 0, 0, 0.0),
                                new Horizon(6, true, 0, 1, 0, 1.0),
                                new Horizon(12, true, 0, 1, 0, 1.0))));
        // Ivan (bought 2025-03-01), Judy (2025-05-10), Ken (erased 2025-05-01). At 3 months (2025-04-05, -20, -25):
        // Ivan only, 1 / 3. At 6 months (July): Ivan and Judy customers, Ken erased, 2 / 3. At 12 months (January
        // 2026): after year end, not observed.
        assertThat(prospectCohort(cohorts, "2025-01"))
                .isEqualTo(new ProspectCohort(
                        "2025-01",
                        3,
                        List.of(
                                new Horizon(3, true, 2, 1, 0, 0.3333),
                                new Horizon(6, true, 0, 2, 1, 0.6667),
                                new Horizon(12, false, 0, 0, 0, 0.0))));
        // Heidi never buys; 12 months is 2026-02-10
        assertThat(prospectCohort(cohorts, "2025-02"))
                .isEqualTo(new ProspectCohort(
                        "2025-02",
                        1,
                        List.of(
                                new Horizon(3, true, 1, 0, 0, 0.0),
                                new Horizon(6, true, 1, 0, 0, 0.0),
                                new Horizon(12, false, 0, 0, 0, 0.0))));
        // Nina buys only in January 2026: at 3 months (2025-11-15) still a prospect, later horizons not observed
        assertThat(prospectCohort(cohorts, "2025-08"))
                .isEqualTo(new ProspectCohort(
                        "2025-08",
                        1,
                        List.of(
                                new Horizon(3, true, 1, 0, 0, 0.0),
                                new Horizon(6, false, 0, 0, 0, 0.0),
                                new Horizon(12, false, 0, 0, 0, 0.0))));
    }

    @Test
    void recruitingProductsRankTheProductsOfFirstOrders() {
        // First orders: Alice STARTER-KIT + MUG, Bob STARTER-KIT, Carol MUG (twice: counted once), Dan STARTER-KIT,
        // Erin GIFT-CARD, Frank STARTER-KIT + GIFT-CARD, Grace MUG, Ivan STARTER-KIT, Judy GIFT-CARD, Leo SEEDS.
        // Grace's STARTER-KIT came in her second order, Nina's MUG after year end: neither counts.
        var products = segments.recruitingProducts(YEAR_END, 10);
        assertThat(products.firstPurchases()).isEqualTo(10);
        assertThat(products.products())
                .containsExactly(
                        new Product("STARTER-KIT", 5, 0.5),
                        new Product("GIFT-CARD", 3, 0.3), // ties ranked by SKU
                        new Product("MUG", 3, 0.3),
                        new Product("SEEDS", 1, 0.1));
        assertThat(segments.recruitingProducts(YEAR_END, 2).products())
                .extracting(Product::sku)
                .containsExactly("STARTER-KIT", "GIFT-CARD");
    }

    @Test
    void seasonalBuyerIsFoundInNovember() {
        Instant november = at("2025-11-30T23:59:59Z");
        // Leo's SEEDS in spring 2023, 2024 and 2025: the last 3 years up to 2025-11-30 are 2023 to 2025
        SeasonalBuyer leoSeeds = new SeasonalBuyer(
                leo.value(), "SEEDS", "SPRING", List.of(2023, 2024, 2025), at("2026-03-01T00:00:00Z"));
        assertThat(segments.seasonal(november, 3, 3).buyers()).containsExactly(leoSeeds);
        assertThat(segments.seasonal(november, 4, 4).buyers()).isEmpty();
        // two years out of three: also Leo's TOOLS in autumn, and Bob's REFILL in summer 2024 and 2025
        assertThat(segments.seasonal(november, 2, 3).buyers())
                .containsExactlyInAnyOrder(
                        leoSeeds,
                        new SeasonalBuyer(
                                leo.value(), "TOOLS", "AUTUMN", List.of(2023, 2025), at("2026-09-01T00:00:00Z")),
                        new SeasonalBuyer(
                                bob.value(), "REFILL", "SUMMER", List.of(2024, 2025), at("2026-06-01T00:00:00Z")));
    }

    @Test
    void seasonalBuyerIsFoundAtYearEnd() {
        assertThat(segments.seasonal(YEAR_END, 4, 4).buyers()).isEmpty();
        // Each season's window is its own last occurrences started by asOf: on 2025-12-31 the winter of 2026 has
        // started, but the last three springs are still 2023 to 2025 (a December date once shifted every season).
        assertThat(segments.seasonal(YEAR_END, 3, 3).buyers())
                .containsExactly(new SeasonalBuyer(
                        leo.value(), "SEEDS", "SPRING", List.of(2023, 2024, 2025), at("2026-03-01T00:00:00Z")));
    }

    @Test
    void asOfAPastDateAnswersWhatAStoreCutThereAnswersLive() {
        // A second read side on a fresh database, fed only the events dated up to mid-year: Bob's 2024 and Carol's
        // orders but not Frank's churn, Dan's order but not his registration, Ken's erasure but not Nina.
        List<Dated> upToMidYear =
                history.stream().filter(event -> !event.at().isAfter(MID_YEAR)).toList();
        assertThat(upToMidYear).hasSizeBetween(1, history.size() - 1);
        // the settings of @QuerySideIntegrationTest, as arguments so that they win over query-side.yml (its port)
        try (ConfigurableApplicationContext cut = QuerySideApplication.application()
                .run(
                        "--spring.profiles.active=dev",
                        "--spring.datasource.url=" + TestDatabase.newDatabase(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--clientele.lifecycle.reassess-every=PT1H",
                        "--server.port=0")) {
            JdbcTemplate cutJdbc = cut.getBean(JdbcTemplate.class);
            publish(upToMidYear, new EventStoreWriter(cut.getBean(EventStore.class)));
            Processors.awaitCaughtUp(
                    Processors.processor(
                            cut.getBean(EventProcessingConfiguration.class),
                            CustomerProfileProjection.PROCESSING_GROUP),
                    cutJdbc);
            assertThat(cutJdbc.queryForObject(
                            "SELECT count(*) FROM customer_purchase WHERE purchased_at > ?",
                            Long.class,
                            MID_YEAR.atOffset(ZoneOffset.UTC)))
                    .isZero();

            Map<String, Object> live = everyView(cut.getBean(SegmentAnalysis.class), MID_YEAR);
            Map<String, Object> asOf = everyView(segments, MID_YEAR);
            assertThat(live.keySet()).containsExactlyElementsOf(asOf.keySet());
            asOf.forEach((view, answer) -> assertThat(live.get(view)).as(view).isEqualTo(answer));
        }
        // and the figures are those of mid-year: 12 customers (not Nina), phases as in the transitions' first column
        Lifecycle midYear = segments.lifecycle(MID_YEAR, BANDS);
        assertThat(midYear.customers()).isEqualTo(12);
        assertThat(midYear.phases())
                .extracting(PhaseCount::phase, PhaseCount::customers)
                .containsExactly(
                        tuple(PROSPECT, 2L), // Heidi, Ken
                        tuple(FIRST_PURCHASE, 4L), // Alice, Frank, Ivan, Judy
                        tuple(REPEAT, 2L), // Bob, Carol
                        tuple(DECLINING, 1L), // Leo
                        tuple(INACTIVE, 2L), // Dan, Erin
                        tuple(CHURNED, 0L),
                        tuple(REACTIVATED, 1L)); // Grace
    }

    @Test
    @Order(Integer.MAX_VALUE - 2)
    void everyCustomersPhaseAndRfmFeaturesAreWhatCustomerFeaturesSays() {
        for (Instant asOf : List.of(MID_YEAR, YEAR_END)) {
            Map<UUID, org.clientele.query.customer.CustomerFeatures> features = new HashMap<>();
            customerBase.scan(
                    asOf,
                    customer -> features.put(
                            customer.customerId(),
                            org.clientele.query.customer.CustomerFeatures.of(
                                    customer.history(),
                                    asOf,
                                    org.clientele.query.customer.LifecycleSettings.DEFAULTS)));
            Map<UUID, LifecyclePhase> phases = new HashMap<>();
            for (LifecyclePhase phase : LifecyclePhase.values()) {
                segments.lifecycleMembers(
                        asOf, phase, null, List.of(12, 24, 36), member -> phases.put(member.customerId(), phase));
            }
            assertThat(phases).as("as of %s", asOf).hasSameSizeAs(features);
            features.forEach((id, expected) ->
                    assertThat(phases.get(id)).as("phase of %s", id).isEqualTo(expected.phase()));
            segments.rfmMembers(asOf, null, "GBP", null, member -> {
                var expected = features.get(member.customerId());
                assertThat(member.orders()).isEqualTo(expected.purchaseCount());
                assertThat(member.lastPurchaseAt()).isEqualTo(expected.lastPurchaseAt());
                assertThat(member.netValue())
                        .isEqualByComparingTo(expected.netSpent().get(Currency.getInstance("GBP")));
            });
        }
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void asOfNowTheLifecycleViewCountsWhatTheLiveProfilesSay() {
        Map<LifecyclePhase, Long> live = new java.util.EnumMap<>(LifecyclePhase.class);
        jdbc.query("SELECT phase, count(*) FROM customer_profile WHERE merged_into IS NULL GROUP BY phase", rs -> {
            live.put(LifecyclePhase.valueOf(rs.getString(1)), rs.getLong(2));
        });
        Map<LifecyclePhase, Long> now = new java.util.EnumMap<>(LifecyclePhase.class);
        segments.lifecycle(java.time.Instant.now(), List.of(12, 24, 36)).phases().stream()
                .filter(count -> count.customers() > 0)
                .forEach(count -> now.put(count.phase(), count.customers()));
        assertThat(now).isEqualTo(live);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the tables are empty while the projection rebuilds them
    void replayingTheProjectionGivesIdenticalAnswers() {
        Map<String, Object> before = new LinkedHashMap<>();
        everyView(segments, YEAR_END).forEach((view, answer) -> before.put(view + " at year end", answer));
        everyView(segments, MID_YEAR).forEach((view, answer) -> before.put(view + " at mid-year", answer));
        assertThat(((Lifecycle) before.get("lifecycle at year end")).customers())
                .isEqualTo(13);

        StreamingEventProcessor processor = profileProcessor();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_profile", Integer.class))
                .isZero();
        processor.start();
        Processors.awaitCaughtUp(processor, jdbc);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Map<String, Object> after = new LinkedHashMap<>();
            everyView(segments, YEAR_END).forEach((view, answer) -> after.put(view + " at year end", answer));
            everyView(segments, MID_YEAR).forEach((view, answer) -> after.put(view + " at mid-year", answer));
            before.forEach(
                    (view, answer) -> assertThat(after.get(view)).as(view).isEqualTo(answer));
        });
    }

    // ---- every view, for the comparisons ----

    private Map<String, Object> everyView(SegmentAnalysis analysis, Instant asOf) {
        Map<String, Object> views = new LinkedHashMap<>();
        views.put("lifecycle", analysis.lifecycle(asOf, BANDS));
        views.put("inactive 24-36 months", members(sink -> analysis.lifecycleMembers(asOf, INACTIVE, 24, BANDS, sink)));
        views.put("transitions", analysis.transitions(plusMonths(asOf, -6), asOf));
        views.put("rfm", analysis.rfm(asOf, null, null));
        views.put("rfm over 12 months", analysis.rfm(asOf, 12, "GBP"));
        views.put("rfm members", members(sink -> analysis.rfmMembers(asOf, null, null, null, sink)));
        views.put("tiers", analysis.tiers(asOf, null, null, QUANTILES, null));
        views.put("tiers by amount", analysis.tiers(asOf, null, null, null, AMOUNTS));
        views.put("tier members", members(sink -> analysis.tierMembers(asOf, null, null, QUANTILES, null, null, sink)));
        views.put("retention", analysis.retention(asOf));
        views.put("prospects", analysis.prospects(asOf));
        views.put("recruiting products", analysis.recruitingProducts(asOf, 10));
        views.put("seasonal", analysis.seasonal(asOf, 2, 3));
        views.put("Grace's phases", analysis.phaseHistory(grace.value(), asOf));
        views.put("Bob's phases", analysis.phaseHistory(bob.value(), asOf));
        return views;
    }

    private static List<SegmentMember> members(Consumer<Consumer<SegmentMember>> view) {
        List<SegmentMember> members = new ArrayList<>();
        view.accept(members::add);
        return members;
    }

    private List<SegmentMember> rfmMembers(Instant asOf, Integer windowMonths) {
        return members(sink -> segments.rfmMembers(asOf, windowMonths, null, null, sink));
    }

    /** Each buyer's name and tier. */
    private Map<String, String> tierMembers(Instant asOf, List<Double> quantiles, List<BigDecimal> amounts) {
        Map<String, String> tiers = new HashMap<>();
        segments.tierMembers(
                asOf, null, null, quantiles, amounts, null, member -> tiers.put(name(member), member.segment()));
        return tiers;
    }

    private List<String> lifecycleMembers(Instant asOf, LifecyclePhase phase, Integer band) {
        return members(sink -> segments.lifecycleMembers(asOf, phase, band, BANDS, sink)).stream()
                .map(this::name)
                .toList();
    }

    private static Cohort cohort(List<Cohort> cohorts, String month) {
        return cohorts.stream()
                .filter(cohort -> cohort.month().equals(month))
                .findFirst()
                .orElseThrow();
    }

    private static ProspectCohort prospectCohort(List<ProspectCohort> cohorts, String month) {
        return cohorts.stream()
                .filter(cohort -> cohort.month().equals(month))
                .findFirst()
                .orElseThrow();
    }

    /** A cohort's shares for months 0 to {@code months - 1}: the given ones, 0 elsewhere. */
    private static List<Double> monthly(int months, Map<Integer, Double> shares) {
        return IntStream.range(0, months)
                .mapToObj(month -> shares.getOrDefault(month, 0.0))
                .toList();
    }

    private String name(SegmentMember member) {
        return names.getOrDefault(member.customerId(), member.customerId().toString());
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private StreamingEventProcessor profileProcessor() {
        return Processors.processor(processing, CustomerProfileProjection.PROCESSING_GROUP);
    }

    // ---- building the history ----

    private CustomerId customer(String name) {
        CustomerId id = CustomerId.newId();
        names.put(id.value(), name);
        return id;
    }

    private void registered(CustomerId customer, String at) {
        String name = names.get(customer.value());
        history.add(new Dated(
                customer,
                at(at),
                new ContactRegistered(
                        customer,
                        contact(name, "Tester", name.toLowerCase() + "@example.com"),
                        new Origin("shop", "web", null),
                        at(at))));
    }

    /** An order in GBP, its amount shared equally between one line per SKU. */
    private void bought(CustomerId customer, String reference, String at, String amount, String... skus) {
        Money total = Money.of(amount, "GBP");
        Money each =
                new Money(total.amount().divide(BigDecimal.valueOf(skus.length), 2, RoundingMode.UNNECESSARY), GBP);
        List<PurchaseLine> lines = Arrays.stream(skus)
                .map(sku -> new PurchaseLine(Sku.of(sku), 1, each))
                .toList();
        history.add(new Dated(
                customer,
                at(at),
                new PurchaseRecorded(customer, OrderReference.of(reference), at(at), total, lines, SalesChannel.WEB)));
    }

    private void returned(CustomerId customer, String reference, String at, String refund) {
        history.add(new Dated(
                customer,
                at(at),
                new ReturnRecorded(
                        customer,
                        OrderReference.of(reference),
                        at(at),
                        Money.of(refund, "GBP"),
                        List.of(),
                        SalesChannel.WEB)));
    }

    private void churned(CustomerId customer, String at) {
        history.add(new Dated(
                customer, at(at), new CustomerChurned(customer, ChurnReason.COMPETITOR, "went elsewhere", at(at))));
    }

    private void erased(CustomerId customer, String at) {
        history.add(new Dated(
                customer,
                at(at),
                new CustomerErased(customer, "REQ-" + customer, ErasureRequester.DATA_SUBJECT, at(at), List.of())));
    }

    /** Appends the events in the order they were written, each customer's with sequence numbers 0, 1, 2... */
    private static void publish(List<Dated> events, EventStoreWriter writer) {
        events.forEach(event -> writer.add(event.customer(), event.event(), Map.of()));
        writer.flush();
    }
}
