package org.clientele.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.clientele.events.campaign.DeliveryOutcome.CLICKED;
import static org.clientele.events.campaign.DeliveryOutcome.DELIVERED;
import static org.clientele.events.campaign.DeliveryOutcome.HARD_BOUNCE;
import static org.clientele.events.campaign.DeliveryOutcome.OPENED;
import static org.clientele.events.campaign.DeliveryOutcome.SENT;
import static org.clientele.query.testing.Processors.TIMEOUT;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.purchase.Money;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseLine;
import org.clientele.events.purchase.PurchaseRecorded;
import org.clientele.events.purchase.ReturnRecorded;
import org.clientele.events.purchase.SalesChannel;
import org.clientele.events.purchase.Sku;
import org.clientele.platform.testing.TestDatabase;
import org.clientele.query.campaign.CampaignResults.Arm;
import org.clientele.query.campaign.CampaignResults.Group;
import org.clientele.query.campaign.CampaignResults.Verdict;
import org.clientele.query.campaign.ContactPressure.ChannelCounts;
import org.clientele.query.campaign.ContactPressure.ChannelPressure;
import org.clientele.query.campaign.ContactPressure.CustomerPressure;
import org.clientele.query.campaign.ContactPressure.PeriodPressure;
import org.clientele.query.campaign.ContactPressure.Pressure;
import org.clientele.query.campaign.Receptivity.CustomerRates;
import org.clientele.query.campaign.Receptivity.MonthRates;
import org.clientele.query.campaign.Receptivity.Rates;
import org.clientele.query.campaign.Receptivity.SegmentRates;
import org.clientele.query.campaign.UpliftStatistics.Estimate;
import org.clientele.query.testing.Processors;
import org.clientele.query.testing.QuerySideIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Three campaigns written by hand, whose figures are worked out by hand in the comments and in docs/campaigns.md:
 * SPRING (email, variants A and B, a control group, 100.00 EUR, 7-day window, launched 2025-03-01T10:00Z),
 * LOYALTY (SMS, no control group, 10-day window, launched 2025-02-24T09:00Z, closed 2025-03-10) which takes some
 * of Spring's purchases by last touch, and WINTER (email, January, closed). A fourth, SUMMER, is only defined. Two
 * phone campaigns of June 2024, AUTUMN and PROMO, call the same customer; PROMO's call hard-bounces.
 */
@QuerySideIntegrationTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignMemoryIT {

    private static final CampaignId SPRING = campaignId(1);
    private static final CampaignId LOYALTY = campaignId(2);
    private static final CampaignId WINTER = campaignId(3);
    private static final CampaignId SUMMER = campaignId(4);
    private static final CampaignId AUTUMN = campaignId(5);
    private static final CampaignId PROMO = campaignId(6);

    private static final String CHAMPIONS = "rfm CHAMPIONS";
    private static final String AT_RISK = "rfm AT_RISK";

    /** Well after every fact: the figures no longer depend on the day the test runs. */
    private static final Instant LATER = Instant.parse("2025-12-31T23:59:59.999999999Z");

    /** Spring's launch; its contacts are approved an hour later, so their windows end 2025-03-08T11:00Z. */
    private static final Instant LAUNCH = at("2025-03-01T10:00:00Z");

    private static final Instant APPROVED = at("2025-03-01T11:00:00Z");

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
    CampaignMemory memory;

    @Autowired
    ContactPressure pressure;

    @Autowired
    Receptivity receptivity;

    @Autowired
    MockMvc mvc;

    // Spring's audience: variant A, variant B and the control group, four each, in two launch segments
    private final CustomerId a1 = customer("a1");
    private final CustomerId a2 = customer("a2");
    private final CustomerId a3 = customer("a3");
    private final CustomerId a4 = customer("a4");
    private final CustomerId b1 = customer("b1");
    private final CustomerId b2 = customer("b2");
    private final CustomerId b3 = customer("b3");
    private final CustomerId b4 = customer("b4");
    private final CustomerId c1 = customer("c1");
    private final CustomerId c2 = customer("c2");
    private final CustomerId c3 = customer("c3");
    private final CustomerId c4 = customer("c4");
    // called by Autumn, then by Promo, whose call hard-bounced (a wrong number), in June 2024
    private final CustomerId d1 = customer("d1");

    @BeforeAll
    void writeTheCampaigns() {
        CampaignEventWriter events = new CampaignEventWriter(eventStore);

        events.campaign(
                WINTER,
                defined(
                        WINTER,
                        "Winter sale",
                        "clearance",
                        Channel.EMAIL,
                        "winter sale 20%",
                        null,
                        3,
                        "0",
                        List.of(),
                        "2025-01-15T09:00:00Z"),
                new CampaignLaunched(WINTER, "explicit list", 2, 0, at("2025-01-20T10:00:00Z")),
                new AudienceAssigned(WINTER, List.of(member(a1, CHAMPIONS, "MAIN"), member(a2, CHAMPIONS, "MAIN"))),
                new CampaignClosed(WINTER, at("2025-02-15T00:00:00Z")));
        // the sending tool never reported this one: approved, but not a message for receptivity
        approved(events, WINTER, Channel.EMAIL, a1, "MAIN", "2025-01-20T12:00:00Z");
        approved(events, WINTER, Channel.EMAIL, a2, "MAIN", "2025-02-10T12:00:00Z", SENT, DELIVERED, OPENED);

        events.campaign(
                LOYALTY,
                defined(
                        LOYALTY,
                        "Loyalty SMS",
                        "loyalty",
                        Channel.SMS,
                        "free shipping",
                        null,
                        10,
                        "0",
                        List.of(),
                        "2025-02-20T08:00:00Z"),
                new CampaignLaunched(LOYALTY, "segment rfm AT_RISK as of 2025-02-24", 4, 0, at("2025-02-24T09:00:00Z")),
                new AudienceAssigned(
                        LOYALTY,
                        List.of(
                                member(b3, AT_RISK, "MAIN"),
                                member(b4, AT_RISK, "MAIN"),
                                member(c2, AT_RISK, "MAIN"),
                                member(c4, AT_RISK, "MAIN"))),
                new CampaignClosed(LOYALTY, at("2025-03-10T00:00:00Z")));
        approved(events, LOYALTY, Channel.SMS, b4, "MAIN", "2025-02-26T12:00:00Z", DELIVERED);
        approved(events, LOYALTY, Channel.SMS, c2, "MAIN", "2025-02-27T12:00:00Z", DELIVERED);
        approved(events, LOYALTY, Channel.SMS, c4, "MAIN", "2025-03-01T10:30:00Z"); // never reported
        approved(events, LOYALTY, Channel.SMS, b3, "MAIN", "2025-03-03T12:00:00Z", DELIVERED, CLICKED);

        events.campaign(
                SPRING,
                defined(
                        SPRING,
                        "Spring reactivation",
                        "reactivation of lapsed buyers",
                        Channel.EMAIL,
                        "spring discount",
                        Money.of("100.00", "EUR"),
                        7,
                        "0.2",
                        List.of(
                                new Variant("A", "10% off", "tpl-spring-a", new BigDecimal("0.5")),
                                new Variant("B", "free gift", "tpl-spring-b", new BigDecimal("0.5"))),
                        "2025-02-20T09:00:00Z"),
                new CampaignLaunched(SPRING, "explicit list", 12, 4, LAUNCH),
                // an audience comes in shares of at most 1,000 members: two here
                new AudienceAssigned(
                        SPRING,
                        List.of(
                                member(a1, CHAMPIONS, "A"),
                                member(a2, CHAMPIONS, "A"),
                                member(a3, AT_RISK, "A"),
                                member(a4, AT_RISK, "A"),
                                member(b1, CHAMPIONS, "B"),
                                member(b2, CHAMPIONS, "B"))),
                new AudienceAssigned(
                        SPRING,
                        List.of(
                                member(b3, AT_RISK, "B"),
                                member(b4, AT_RISK, "B"),
                                member(c1, CHAMPIONS, AudienceMember.CONTROL),
                                member(c2, CHAMPIONS, AudienceMember.CONTROL),
                                member(c3, AT_RISK, AudienceMember.CONTROL),
                                member(c4, AT_RISK, AudienceMember.CONTROL))));
        // the gate: a2 is refused (paused) then approved, and counts as approved; a3, a4 and c1 stay refused
        refused(events, a2, ContactRefusal.PAUSED);
        refused(events, a3, ContactRefusal.NO_CONSENT);
        refused(events, a4, ContactRefusal.PRESSURE_CAP_CHANNEL);
        refused(events, c1, ContactRefusal.CONTROL_GROUP);
        approved(events, SPRING, Channel.EMAIL, a1, "A", "2025-03-01T11:00:00Z", SENT, DELIVERED, OPENED, CLICKED);
        approved(events, SPRING, Channel.EMAIL, a2, "A", "2025-03-01T11:00:00Z", SENT, DELIVERED, OPENED);
        approved(events, SPRING, Channel.EMAIL, b1, "B", "2025-03-01T11:00:00Z", SENT, HARD_BOUNCE);
        approved(events, SPRING, Channel.EMAIL, b2, "B", "2025-03-01T11:00:00Z", SENT, DELIVERED, OPENED, CLICKED);
        approved(events, SPRING, Channel.EMAIL, b3, "B", "2025-03-01T11:00:00Z", SENT, DELIVERED);
        approved(events, SPRING, Channel.EMAIL, b4, "B", "2025-03-01T11:00:00Z", SENT, DELIVERED, OPENED);

        events.campaign(
                AUTUMN,
                defined(
                        AUTUMN,
                        "Autumn calls",
                        "retention",
                        Channel.PHONE,
                        "call",
                        null,
                        30,
                        "0",
                        List.of(),
                        "2024-05-20T09:00:00Z"),
                new CampaignLaunched(AUTUMN, "explicit list", 1, 0, at("2024-06-01T09:00:00Z")),
                new AudienceAssigned(AUTUMN, List.of(member(d1, null, "MAIN"))));
        events.campaign(
                PROMO,
                defined(
                        PROMO,
                        "Promo calls",
                        "retention",
                        Channel.PHONE,
                        "call",
                        null,
                        30,
                        "0",
                        List.of(),
                        "2024-05-25T09:00:00Z"),
                new CampaignLaunched(PROMO, "explicit list", 1, 0, at("2024-06-05T09:00:00Z")),
                new AudienceAssigned(PROMO, List.of(member(d1, null, "MAIN"))));
        approved(events, AUTUMN, Channel.PHONE, d1, "MAIN", "2024-06-01T10:00:00Z", DELIVERED);
        approved(events, PROMO, Channel.PHONE, d1, "MAIN", "2024-06-05T10:00:00Z", HARD_BOUNCE);
        bought(events, d1, "D1-1", "2024-06-10T12:00:00Z", "70.00"); // Autumn's: Promo's later call reached nobody

        events.campaign(
                SUMMER,
                defined(
                        SUMMER,
                        "Summer preview",
                        "awareness",
                        Channel.POSTAL,
                        "catalogue",
                        null,
                        30,
                        "0.1",
                        List.of(),
                        "2025-03-20T09:00:00Z"));

        // Purchases. Spring compares every member over 03-01T10:00 to 03-08T10:00 (the window from its launch);
        // it is credited by last touch over its contacts' windows, 03-01T11:00 to 03-08T11:00.
        bought(events, a1, "A1-1", "2025-03-03T12:00:00Z", "80.00"); // compared; credited to Spring
        bought(events, a2, "A2-1", "2025-03-11T12:00:00Z", "40.00"); // after every window: nobody's
        bought(events, a3, "A3-1", "2025-03-04T12:00:00Z", "30.00"); // refused: compared, credited to nobody
        bought(events, a4, "A4-1", "2025-02-28T12:00:00Z", "99.00"); // before the launch: nobody's
        bought(events, b1, "B1-1", "2025-03-08T11:00:00Z", "15.00"); // after the compared window; hard bounce: no
        // touch, so not credited either
        bought(events, b2, "B2-1", "2025-03-02T12:00:00Z", "120.00"); // Spring...
        events.customer(b2, returned(b2, "B2-R1", "2025-03-05T12:00:00Z", "20.00")); // ...less 20.00 returned
        bought(events, b3, "B3-1", "2025-03-04T12:00:00Z", "60.00"); // compared; credited to Loyalty (03-03, later)
        bought(events, b3, "B3-2", "2025-03-12T12:00:00Z", "45.00"); // Loyalty's, after its closing (window to 03-13)
        bought(events, b4, "B4-1", "2025-03-06T12:00:00Z", "50.00"); // Spring's contact beats Loyalty's of 02-26
        bought(events, b4, "B4-2", "2025-03-07T12:00:00Z", "25.00");
        bought(events, c1, "C1-1", "2025-03-03T12:00:00Z", "40.00"); // control, within the window from launch
        bought(events, c2, "C2-1", "2025-03-02T12:00:00Z", "20.00"); // control; also credited to Loyalty (02-27)
        bought(events, c3, "C3-1", "2025-03-10T12:00:00Z", "10.00"); // control, after the window
        bought(events, c4, "C4-1", "2025-03-02T12:00:00Z", "30.00"); // control; also credited to Loyalty (03-01)
        events.flush();

        Processors.awaitCaughtUp(processor(), jdbc);
    }

    @Test
    @Order(1)
    void springsResultsComputedByHand() {
        CampaignResults results = results(SPRING);

        assertThat(results.status()).isEqualTo(CampaignView.Status.LAUNCHED);
        assertThat(results.finalResults()).isFalse();
        assertThat(results.asOf()).isEqualTo(LATER);
        // the contacts' windows, from 03-01T11:00, end after the launch's
        assertThat(results.lastWindowEndsAt()).isEqualTo(at("2025-03-08T11:00:00Z"));
        assertThat(results.currency()).isEqualTo("EUR");
        Group total = results.total();
        // Every member over the window from launch, 03-01T10:00 to 03-08T10:00, whatever the gate did:
        // a1 80, a2 0, a3 30, a4 0, b1 0 (03-08T11:00 is after), b2 120 - 20 = 100, b3 60, b4 50 + 25 = 75.
        // Converted a1, a3, b2, b3, b4: 5 of 8. Revenue 345. Credited by last touch: a1 80, b2 100, b4 75 = 255
        // (a3 was never contacted, b3's went to Loyalty's later contact, b1's contact hard-bounced).
        // Approved a1, a2, b1, b2, b3, b4; refused a3 (NO_CONSENT), a4 (PRESSURE_CAP_CHANNEL). Delivered: all
        // approved but b1 (hard bounce); opened a1, a2, b2, b4; clicked a1, b2.
        assertThat(counts(total.targeted()))
                .containsExactly(
                        8L,
                        6L,
                        Map.of("NO_CONSENT", 1L, "PRESSURE_CAP_CHANNEL", 1L),
                        0L,
                        6L,
                        5L,
                        0L,
                        1L,
                        4L,
                        2L,
                        5L,
                        0.625);
        assertThat(money(total.targeted())).containsExactly("345.00", "255.00", "43.1250");
        // Control: c1 40 (refused by the gate as CONTROL_GROUP), c2 20, c3 0 (after the window), c4 30 (compared
        // like every member, though credited to Loyalty's contact).
        assertThat(counts(total.heldOut()))
                .containsExactly(4L, 0L, Map.of("CONTROL_GROUP", 1L), 3L, 0L, 0L, 0L, 0L, 0L, 0L, 3L, 0.75);
        assertThat(money(total.heldOut())).containsExactly("90.00", "0.00", "22.5000");

        // Conversion: 0.625 - 0.75 = -0.125. Agresti-Caffo: p~1 = 6 / 10 = 0.6, p~0 = 4 / 6 = 0.666667, centre
        // -0.066667; SE = sqrt(0.6 * 0.4 / 10 + 0.666667 * 0.333333 / 6) = sqrt(0.061037) = 0.247057; half-width
        // 1.959964 * 0.247057 = 0.484222: [-0.550889, 0.417556].
        // Revenue per head: 43.125 - 22.5 = 20.625. Treated squared deviations from 43.125: 36.875², 43.125²,
        // 13.125², 43.125², 43.125², 56.875², 16.875², 31.875² = 11,646.875: s² = 1,663.839.
        // Control (40, 20, 0, 30; mean 22.5): 306.25 + 6.25 + 506.25 + 56.25 = 875: s² = 291.667.
        // SE = sqrt(1,663.839 / 8 + 291.667 / 4) = sqrt(280.897) = 16.7600; half-width 32.8489: [-12.2239, 53.4739].
        assertThat(total.uplift().conversionRate()).isEqualTo(new Estimate(-0.125, -0.550889, 0.417556));
        assertThat(total.uplift().revenuePerHead()).isEqualTo(new Estimate(20.625, -12.2239, 53.4739));
        // 8 and 4 members: far fewer than 30 a side
        assertThat(total.verdict()).isEqualTo(Verdict.TOO_SMALL);
        // ROI (255 - 100) / 100 = 1.55; incremental revenue 345 - 90 * 8 / 4 = 165, its ROI (165 - 100) / 100 = 0.65
        assertThat(returns(total)).containsExactly("100.00", 1.55, "165.00", 0.65);
    }

    @Test
    @Order(2)
    void springsResultsPerVariant() {
        List<Group> variants = results(SPRING).variants();

        assertThat(variants).extracting(Group::variant).containsExactly("A", "B");
        Group a = variants.get(0);
        // A: a1 80 (attributed), a2 0, a3 30 (unattributed), a4 0. Cost share 100 * 2 / 6 approved = 33.33:
        // ROI 80 / 33.333 - 1 = 1.4; incremental 110 - 90 * 4 / 4 = 20, its ROI 20 / 33.333 - 1 = -0.4.
        assertThat(counts(a.targeted()))
                .containsExactly(
                        4L,
                        2L,
                        Map.of("NO_CONSENT", 1L, "PRESSURE_CAP_CHANNEL", 1L),
                        0L,
                        2L,
                        2L,
                        0L,
                        0L,
                        2L,
                        1L,
                        2L,
                        0.5);
        assertThat(money(a.targeted())).containsExactly("110.00", "80.00", "27.5000");
        assertThat(a.heldOut()).isEqualTo(results(SPRING).total().heldOut());
        // 0.5 - 0.75 = -0.25; p~1 = 3 / 6 = 0.5, p~0 = 4 / 6 = 0.666667, centre -0.166667;
        // SE sqrt(0.25 / 6 + 0.222222 / 6) = 0.280542, half-width 0.549852: [-0.716519, 0.383185].
        // 27.5 - 22.5 = 5; A's s² = (52.5² + 27.5² + 2.5² + 27.5²) / 3 = 4,275 / 3 = 1,425;
        // SE sqrt(1,425 / 4 + 291.667 / 4) = 20.7163, half-width 40.6033.
        assertThat(a.uplift())
                .isEqualTo(new CampaignResults.Uplift(
                        new Estimate(-0.25, -0.716519, 0.383185), new Estimate(5.0, -35.6033, 45.6033)));
        assertThat(returns(a)).containsExactly("33.33", 1.4, "20.00", -0.4);

        Group b = variants.get(1);
        // B: b1 0 (after the window; its contact bounced), b2 100, b3 60 (compared, Loyalty's by last touch),
        // b4 75: 235, of which 175 attributed. Cost share 100 * 4 / 6 = 66.67: ROI 175 / 66.667 - 1 = 1.625;
        // incremental 235 - 90 = 145, its ROI 145 / 66.667 - 1 = 1.175.
        assertThat(counts(b.targeted())).containsExactly(4L, 4L, Map.of(), 0L, 4L, 3L, 0L, 1L, 2L, 1L, 3L, 0.75);
        assertThat(money(b.targeted())).containsExactly("235.00", "175.00", "58.7500");
        // 0.75 - 0.75 = 0; p~ = 4 / 6 both sides, SE sqrt(2 * 0.222222 / 6) = 0.272166, half-width 0.533435.
        // 58.75 - 22.5 = 36.25; B's s² = (58.75² + 41.25² + 1.25² + 16.25²) / 3 = 5,418.75 / 3 = 1,806.25;
        // SE sqrt(1,806.25 / 4 + 291.667 / 4) = 22.9015, half-width 44.8861.
        assertThat(b.uplift())
                .isEqualTo(new CampaignResults.Uplift(
                        new Estimate(0.0, -0.533435, 0.533435), new Estimate(36.25, -8.6361, 81.1361)));
        assertThat(returns(b)).containsExactly("66.67", 1.625, "145.00", 1.175);
    }

    @Test
    @Order(3)
    void springsResultsPerLaunchSegment() {
        List<Group> segments = results(SPRING).segments();

        assertThat(segments).extracting(Group::segment).containsExactly(AT_RISK, CHAMPIONS);
        Group atRisk = segments.get(0);
        // At risk: a3 30, a4 0, b3 60, b4 75 against c3 0, c4 30. Conversion 0.75 - 0.5 = 0.25; p~1 = 4 / 6,
        // p~0 = 2 / 4, centre 0.166667; SE sqrt(0.222222 / 6 + 0.25 / 4) = 0.315495, half-width 0.618359:
        // [-0.451692, 0.785025]. (Wald's interval on the old figures, 2 of 4 against 0 of 2, called it a winner.)
        // Revenue per head 41.25 - 15 = 26.25; s1² = (11.25² + 41.25² + 18.75² + 33.75²) / 3 = 1,106.25,
        // s0² = (15² + 15²) / 1 = 450; SE sqrt(1,106.25 / 4 + 450 / 2) = 22.3956, half-width 43.8946.
        assertThat(counts(atRisk.targeted()))
                .containsExactly(
                        4L,
                        2L,
                        Map.of("NO_CONSENT", 1L, "PRESSURE_CAP_CHANNEL", 1L),
                        0L,
                        2L,
                        2L,
                        0L,
                        0L,
                        1L,
                        0L,
                        3L,
                        0.75);
        assertThat(money(atRisk.targeted())).containsExactly("165.00", "75.00", "41.2500");
        assertThat(counts(atRisk.heldOut())).containsExactly(2L, 0L, Map.of(), 2L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0.5);
        assertThat(atRisk.uplift())
                .isEqualTo(new CampaignResults.Uplift(
                        new Estimate(0.25, -0.451692, 0.785025), new Estimate(26.25, -17.6446, 70.1446)));
        assertThat(atRisk.verdict()).isEqualTo(Verdict.TOO_SMALL);
        // cost share 100 * 2 / 6 = 33.33; ROI 75 / 33.333 - 1 = 1.25; incremental 105, its ROI 105 / 33.333 - 1 = 2.15
        assertThat(returns(atRisk)).containsExactly("33.33", 1.25, "105.00", 2.15);

        Group champions = segments.get(1);
        // Champions: a1 80, a2 0, b1 0, b2 100 against c1 40, c2 20. Conversion 0.5 - 1 = -0.5; p~1 = 3 / 6,
        // p~0 = 3 / 4, centre -0.25; SE sqrt(0.25 / 6 + 0.1875 / 4) = 0.297560, half-width 0.583206.
        // Per head 45 - 30 = 15; s1² = (35² + 45² + 45² + 55²) / 3 = 2,766.667, s0² = 200; SE 28.1366.
        assertThat(counts(champions.targeted())).containsExactly(4L, 4L, Map.of(), 0L, 4L, 3L, 0L, 1L, 3L, 2L, 2L, 0.5);
        assertThat(money(champions.heldOut())).containsExactly("60.00", "0.00", "30.0000");
        assertThat(champions.uplift())
                .isEqualTo(new CampaignResults.Uplift(
                        new Estimate(-0.5, -0.833206, 0.333206), new Estimate(15.0, -40.1467, 70.1467)));
        assertThat(champions.verdict()).isEqualTo(Verdict.TOO_SMALL);
        // cost share 100 * 4 / 6 = 66.67; ROI 180 / 66.667 - 1 = 1.7; incremental 180 - 60 * 4 / 2 = 60 -> -0.1
        assertThat(returns(champions)).containsExactly("66.67", 1.7, "60.00", -0.1);
    }

    @Test
    @Order(4)
    void lastTouchGivesLoyaltyThePurchasesItsLaterContactsPreceded() {
        CampaignResults loyalty = results(LOYALTY);

        // closed on 2025-03-10, but its last window (b3's contact of 03-03T12:00, 10 days) ran to 03-13T12:00:
        // final only after that
        assertThat(loyalty.finalResults()).isTrue();
        assertThat(loyalty.asOf()).isEqualTo(LATER);
        assertThat(loyalty.lastWindowEndsAt()).isEqualTo(at("2025-03-13T12:00:00Z"));
        Group total = loyalty.total();
        // Compared over its launch's window, 02-24T09:00 to 03-06T09:00: b3 60, c2 20, c4 30 (b4's purchases
        // came after). Credited by last touch: b3's 60 and 45 (03-12, after the closing: the window runs its
        // course), c2's 20 and c4's 30 (Spring's control group takes nothing from anyone); b4's 75 went to
        // Spring's later contact.
        assertThat(total.targeted().converted()).isEqualTo(3);
        assertThat(money(total.targeted())).containsExactly("110.00", "155.00", "27.5000");
        // b3 clicked without a tracked open: still opened
        assertThat(total.targeted().opened()).isEqualTo(1);
        assertThat(total.targeted().clicked()).isEqualTo(1);
        // no control group: nothing to measure the uplift against
        assertThat(total.heldOut().members()).isZero();
        assertThat(total.uplift()).isEqualTo(new CampaignResults.Uplift(Estimate.NONE, Estimate.NONE));
        assertThat(total.verdict()).isEqualTo(Verdict.UNMEASURED);
        assertThat(total.roi()).isNull();

        // the day after the closing: b3's second purchase has not happened, its window is still open
        CampaignResults afterClosing =
                memory.results(memory.campaign(LOYALTY.value()).orElseThrow(), at("2025-03-11T00:00:00Z"), null);
        assertThat(afterClosing.finalResults()).isFalse();
        assertThat(afterClosing.asOf()).isEqualTo(at("2025-03-11T00:00:00Z"));
        assertThat(afterClosing.total().targeted().attributedRevenue()).isEqualByComparingTo("110.00");

        CampaignResults winter = results(WINTER);
        assertThat(winter.total().targeted().converted()).isZero();
        assertThat(winter.currency()).isNull();
    }

    @Test
    @Order(11)
    void aContactAHardBounceFollowedTakesNoPurchase() {
        // d1's purchase of 2024-06-10 lies within both calls' windows; Promo's call (06-05) is the later, but it
        // hard-bounced: no touch. So the purchase is Autumn's (06-01), and not Promo's.
        assertThat(money(results(AUTUMN).total().targeted())).containsExactly("70.00", "70.00", "70.0000");
        // Promo still compares d1 over its window from launch (intention to treat), but is credited nothing
        assertThat(money(results(PROMO).total().targeted())).containsExactly("70.00", "0.00", "70.0000");
    }

    @Test
    @Order(5)
    void theHistoryIsSearchable() {
        assertThat(history(new CampaignMemory.HistoryFilter(null, null, null, null, null, null, null)))
                .containsExactly(
                        "Summer preview",
                        "Spring reactivation",
                        "Loyalty SMS",
                        "Winter sale",
                        "Promo calls",
                        "Autumn calls");
        assertThat(history(new CampaignMemory.HistoryFilter("EMAIL", null, null, null, null, null, null)))
                .containsExactly("Spring reactivation", "Winter sale");
        assertThat(history(new CampaignMemory.HistoryFilter(null, "RFM at_risk", null, null, null, null, null)))
                .containsExactly("Spring reactivation", "Loyalty SMS");
        // a variant's offer counts
        assertThat(history(new CampaignMemory.HistoryFilter(null, null, "GIFT", null, null, null, null)))
                .containsExactly("Spring reactivation");
        assertThat(history(new CampaignMemory.HistoryFilter(null, null, null, "loyal", null, null, null)))
                .containsExactly("Loyalty SMS");
        assertThat(history(new CampaignMemory.HistoryFilter(
                        null, null, null, null, CampaignView.Status.CLOSED, null, null)))
                .containsExactly("Loyalty SMS", "Winter sale");
        // by the launch date, or the definition date until a launch: Loyalty (02-24) and Spring (03-01)
        assertThat(history(new CampaignMemory.HistoryFilter(
                        null, null, null, null, null, at("2025-02-01T00:00:00Z"), at("2025-03-01T10:00:00Z"))))
                .containsExactly("Spring reactivation", "Loyalty SMS");

        CampaignMemory.HistoryPage second =
                memory.history(new CampaignMemory.HistoryFilter(null, null, null, null, null, null, null), 1, 3);
        assertThat(second.items())
                .extracting(CampaignView::name)
                .containsExactly("Winter sale", "Promo calls", "Autumn calls");
        assertThat(second.totalItems()).isEqualTo(6);
        assertThat(second.totalPages()).isEqualTo(2);
        CampaignView spring = memory.history(
                        new CampaignMemory.HistoryFilter("EMAIL", null, "spring", null, null, null, null), 0, 10)
                .items()
                .get(0);
        assertThat(spring.segments())
                .containsExactly(new CampaignView.SegmentSize(AT_RISK, 6), new CampaignView.SegmentSize(CHAMPIONS, 6));
        assertThat(spring.variants())
                .extracting(CampaignView.VariantView::code, CampaignView.VariantView::offer)
                .containsExactly(tuple("A", "10% off"), tuple("B", "free gift"));
        assertThat(spring.cost()).isEqualTo(new CampaignView.Amount(new BigDecimal("100.00"), "EUR"));
        assertThat(spring.controlRatio()).isEqualByComparingTo("0.2");
    }

    @Test
    @Order(6)
    void theSegmentMatrixShowsWinnersFirst() {
        CampaignMemory.SegmentOperations atRisk = memory.segmentOperations("rfm at_risk", LATER);

        assertThat(atRisk.operations())
                .extracting(
                        operation -> operation.campaign().name(),
                        operation -> operation.result().verdict(),
                        operation -> operation.result().targeted().members())
                .containsExactly(
                        tuple("Spring reactivation", Verdict.TOO_SMALL, 4L),
                        tuple("Loyalty SMS", Verdict.UNMEASURED, 4L));
        // the same figures as the segment's line in Spring's own results, cost share included
        assertThat(atRisk.operations().get(0).result())
                .isEqualTo(results(SPRING).segments().get(0));
        assertThat(atRisk.operations().get(0).variants())
                .extracting(
                        Group::variant,
                        group -> group.targeted().members(),
                        group -> group.heldOut().members())
                .containsExactly(tuple("A", 2L, 2L), tuple("B", 2L, 2L));

        assertThat(memory.segmentOperations(CHAMPIONS, LATER).operations())
                .extracting(
                        operation -> operation.campaign().name(),
                        operation -> operation.result().verdict())
                .containsExactly(
                        tuple("Spring reactivation", Verdict.TOO_SMALL), tuple("Winter sale", Verdict.UNMEASURED));
        assertThat(memory.segmentOperations("lifecycle REPEAT", LATER).operations())
                .isEmpty();
    }

    @Test
    @Order(7)
    void pressureCountsApprovedContactsOverThreePeriods() {
        // As of 2025-03-05T00:00Z. 7 days: Spring's 6 emails, Loyalty's 4 SMS (b4 on 02-26 included).
        // 30 days adds Winter's email to a2 (02-10); 90 days Winter's to a1 (01-20).
        Pressure answer = pressure.pressure(at("2025-03-05T00:00:00Z"), null, 30, 1, 100, b4.value());

        assertThat(answer.channels())
                .extracting(ChannelPressure::channel, ChannelPressure::periods)
                .containsExactly(
                        tuple(
                                "ALL",
                                List.of(
                                        period(7, 8, 10, 1.25, 2),
                                        period(30, 8, 11, 1.38, 2),
                                        period(90, 8, 12, 1.5, 2))),
                        tuple(
                                "EMAIL",
                                List.of(period(7, 6, 6, 1.0, 1), period(30, 6, 7, 1.17, 2), period(90, 6, 8, 1.33, 2))),
                        tuple(
                                "SMS",
                                List.of(period(7, 4, 4, 1.0, 1), period(30, 4, 4, 1.0, 1), period(90, 4, 4, 1.0, 1))),
                        tuple(
                                "PHONE",
                                List.of(
                                        period(7, 0, 0, null, 0),
                                        period(30, 0, 0, null, 0),
                                        period(90, 0, 0, null, 0))),
                        tuple(
                                "POSTAL",
                                List.of(
                                        period(7, 0, 0, null, 0),
                                        period(30, 0, 0, null, 0),
                                        period(90, 0, 0, null, 0))));
        // more than one message in 30 days, all channels: a2 (two emails), b3 and b4 (an email and an SMS each)
        assertThat(answer.overSolicited().total()).isEqualTo(3);
        assertThat(answer.overSolicited().customers())
                .extracting(CustomerPressure::customerId, CustomerPressure::messages)
                .containsExactly(tuple(id(a2), 2L), tuple(id(b3), 2L), tuple(id(b4), 2L));
        assertThat(answer.overSolicited().customers().get(0).channels())
                .containsExactly(new ChannelCounts("ALL", 1, 2, 2), new ChannelCounts("EMAIL", 1, 2, 2));
        assertThat(answer.customer())
                .isEqualTo(new CustomerPressure(
                        id(b4),
                        2,
                        List.of(
                                new ChannelCounts("ALL", 2, 2, 2),
                                new ChannelCounts("EMAIL", 1, 1, 1),
                                new ChannelCounts("SMS", 1, 1, 1))));

        // on email over 90 days: a1 and a2 had two each
        assertThat(pressure.pressure(at("2025-03-05T00:00:00Z"), Channel.EMAIL, 90, 1, 100, null)
                        .overSolicited()
                        .customers())
                .extracting(CustomerPressure::customerId)
                .containsExactly(id(a1), id(a2));
    }

    @Test
    @Order(8)
    void receptivityFromOpensAndClicks() {
        // Messages (campaign, customer) from January to March, reported sent, delivered or later: Winter a2;
        // Loyalty b3, b4, c2; Spring a1, a2, b2, b3, b4. Nine messages. Left out: Winter a1 and Loyalty c4
        // (approved, never reported: nothing says they went out), Spring b1 (sent, then hard-bounced).
        // Opened: Winter a2; Loyalty b3 (a click); Spring a1, a2, b2, b4. Clicked: Loyalty b3; Spring a1, b2.
        Receptivity.View view = receptivity.receptivity(
                at("2025-01-01T00:00:00Z"), at("2025-03-31T23:59:59Z"), null, null, 1, 20, b3.value());

        assertThat(view.overall()).isEqualTo(rates(9, 6, 3));
        // January's only approval (Winter a1) was never reported: no month
        assertThat(view.months())
                .containsExactly(new MonthRates("2025-02", rates(3, 1, 0)), new MonthRates("2025-03", rates(6, 5, 3)));
        assertThat(view.segments())
                .containsExactly(
                        new SegmentRates(AT_RISK, rates(5, 2, 1)), new SegmentRates(CHAMPIONS, rates(4, 4, 2)));
        // c4's only approval was never reported: not a never-opener, c2 (delivered, never opened) is
        assertThat(view.neverOpeners().total()).isEqualTo(1);
        assertThat(view.neverOpeners().customers())
                .extracting(CustomerRates::customerId)
                .containsExactly(id(c2));
        // open rates: a2 2/2, then a1 and b2 1/1, then b3 and b4 1/2; the tie on rate goes to more opens, then to
        // the id
        assertThat(view.bestOpeners())
                .extracting(CustomerRates::customerId)
                .containsExactly(id(a2), id(a1), id(b2), id(b3), id(b4));
        assertThat(view.bestClickers()).extracting(CustomerRates::customerId).containsExactly(id(a1), id(b2), id(b3));
        assertThat(view.customer().months()).containsExactly(new MonthRates("2025-03", rates(2, 1, 1)));

        Receptivity.View emailChampions = receptivity.receptivity(
                at("2025-01-01T00:00:00Z"), at("2025-03-31T23:59:59Z"), Channel.EMAIL, "rfm champions", 2, 20, null);
        assertThat(emailChampions.overall()).isEqualTo(rates(4, 4, 2));
        // a2 had two messages; a1 (its Winter email never reported) and b2 only one
        assertThat(emailChampions.bestOpeners())
                .extracting(CustomerRates::customerId)
                .containsExactly(id(a2));
        assertThat(emailChampions.neverOpeners().total()).isZero();
    }

    @Test
    @Order(9)
    void theApiAnswersWithProblemsForWhatItCannotServe() throws Exception {
        mvc.perform(get("/api/campaigns/{id}/results", SPRING.toString())
                        .param("asOf", "2025-12-31")
                        .with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total.targeted.members").value(8))
                .andExpect(jsonPath("$.total.uplift.conversionRate.difference").value(-0.125))
                .andExpect(jsonPath("$.total.verdict").value("TOO_SMALL"))
                .andExpect(jsonPath("$.variants[1].variant").value("B"));
        mvc.perform(get("/api/segments/{segment}/operations", AT_RISK).with(httpBasic("admin", "admin-dev")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.operations[0].result.verdict").value("TOO_SMALL"));
        mvc.perform(get("/api/campaigns").param("channel", "sms").with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].name").value("Loyalty SMS"));
        mvc.perform(get("/api/campaigns/pressure")
                        .param("asOf", "2025-03-04")
                        .with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channels[0].channel").value("ALL"));
        mvc.perform(get("/api/campaigns/receptivity")
                        .param("channel", "EMAIL")
                        .with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isOk());

        mvc.perform(get("/api/campaigns/{id}/results", UUID.randomUUID()).with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("CAMPAIGN_NOT_FOUND"));
        mvc.perform(get("/api/campaigns/{id}/results", SUMMER.toString()).with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("CAMPAIGN_NOT_LAUNCHED"));
        mvc.perform(get("/api/campaigns/{id}/results", "not-a-uuid")
                        .param("currency", "EURO")
                        .with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_FIELD"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("id", "currency")));
        mvc.perform(get("/api/campaigns/pressure").param("days", "14").with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("days"));
        mvc.perform(get("/api/campaigns").param("size", "501").with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/campaigns").with(httpBasic("auditor", "auditor-dev")))
                .andExpect(status().isForbidden());
    }

    @Test
    @Order(10)
    void theSendingToolGetsItsListsAsCsv() throws Exception {
        // each member's latest decision: a2 was refused (paused) at 10:30, then approved at 11:00
        String approved = mvc.perform(get("/api/campaigns/{id}/contacts.csv", SPRING.toString())
                        .with(httpBasic("backoffice", "backoffice-dev")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(approved.split("\r\n"))
                .containsExactly(
                        "customer_id,decision,variant,reason,channel,decided_at",
                        id(a1) + ",APPROVED,A,,EMAIL,2025-03-01T11:00:00Z",
                        id(a2) + ",APPROVED,A,,EMAIL,2025-03-01T11:00:00Z",
                        id(b1) + ",APPROVED,B,,EMAIL,2025-03-01T11:00:00Z",
                        id(b2) + ",APPROVED,B,,EMAIL,2025-03-01T11:00:00Z",
                        id(b3) + ",APPROVED,B,,EMAIL,2025-03-01T11:00:00Z",
                        id(b4) + ",APPROVED,B,,EMAIL,2025-03-01T11:00:00Z");
        String refused = mvc.perform(get("/api/campaigns/{id}/contacts.csv", SPRING.toString())
                        .param("decision", "refused")
                        .with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused.split("\r\n"))
                .containsExactly(
                        "customer_id,decision,variant,reason,channel,decided_at",
                        id(a3) + ",REFUSED,,NO_CONSENT,EMAIL,2025-03-01T10:30:00Z",
                        id(a4) + ",REFUSED,,PRESSURE_CAP_CHANNEL,EMAIL,2025-03-01T10:30:00Z",
                        id(c1) + ",REFUSED,,CONTROL_GROUP,EMAIL,2025-03-01T10:30:00Z");

        String audience = mvc.perform(get("/api/campaigns/{id}/audience.csv", SPRING.toString())
                        .with(httpBasic("admin", "admin-dev")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(audience.split("\r\n"))
                .containsExactly(
                        "customer_id,segment,assignment",
                        id(a1) + ",rfm CHAMPIONS,A",
                        id(a2) + ",rfm CHAMPIONS,A",
                        id(a3) + ",rfm AT_RISK,A",
                        id(a4) + ",rfm AT_RISK,A",
                        id(b1) + ",rfm CHAMPIONS,B",
                        id(b2) + ",rfm CHAMPIONS,B",
                        id(b3) + ",rfm AT_RISK,B",
                        id(b4) + ",rfm AT_RISK,B",
                        id(c1) + ",rfm CHAMPIONS,CONTROL",
                        id(c2) + ",rfm CHAMPIONS,CONTROL",
                        id(c3) + ",rfm AT_RISK,CONTROL",
                        id(c4) + ",rfm AT_RISK,CONTROL");

        mvc.perform(get("/api/campaigns/{id}/contacts.csv", UUID.randomUUID())
                        .with(httpBasic("backoffice", "backoffice-dev")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("CAMPAIGN_NOT_FOUND"));
        mvc.perform(get("/api/campaigns/{id}/audience.csv", UUID.randomUUID())
                        .with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("CAMPAIGN_NOT_FOUND"));
        mvc.perform(get("/api/campaigns/{id}/contacts.csv", SPRING.toString())
                        .param("decision", "MAYBE")
                        .with(httpBasic("analyst", "analyst-dev")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("decision"));
        mvc.perform(get("/api/campaigns/{id}/contacts.csv", SPRING.toString())
                        .with(httpBasic("auditor", "auditor-dev")))
                .andExpect(status().isForbidden());
        // the other views stay the analysts'
        mvc.perform(get("/api/campaigns/{id}/results", SPRING.toString())
                        .with(httpBasic("backoffice", "backoffice-dev")))
                .andExpect(status().isForbidden());
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the tables are empty while the projection rebuilds them
    void replayingTheCampaignMemoryGivesIdenticalAnswers() {
        Map<String, Object> before = everyView();
        assertThat(((CampaignResults) before.get("results of Spring"))
                        .total()
                        .targeted()
                        .members())
                .isEqualTo(8);

        StreamingEventProcessor processor = processor();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject(
                        "SELECT (SELECT count(*) FROM campaign) + (SELECT count(*) FROM campaign_member) "
                                + "+ (SELECT count(*) FROM campaign_contact) + (SELECT count(*) FROM campaign_purchase)",
                        Integer.class))
                .isZero();
        processor.start();
        Processors.awaitCaughtUp(processor, jdbc);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Map<String, Object> after = everyView();
            before.forEach(
                    (view, answer) -> assertThat(after.get(view)).as(view).isEqualTo(answer));
        });
    }

    // ---- every view, for the comparison ----

    private Map<String, Object> everyView() {
        Map<String, Object> views = new LinkedHashMap<>();
        for (CampaignId campaign : List.of(SPRING, LOYALTY, WINTER, AUTUMN, PROMO)) {
            views.put("results of " + name(campaign), results(campaign));
            views.put(
                    "results of " + name(campaign) + " mid-March",
                    memory.results(memory.campaign(campaign.value()).orElseThrow(), at("2025-03-05T00:00:00Z"), null));
        }
        views.put(
                "results of Spring in pounds",
                memory.results(memory.campaign(SPRING.value()).orElseThrow(), LATER, "GBP"));
        CampaignMemory.HistoryFilter all = new CampaignMemory.HistoryFilter(null, null, null, null, null, null, null);
        views.put("history", memory.history(all, 0, 50));
        views.put("history, second page", memory.history(all, 1, 2));
        views.put(
                "history on a segment",
                memory.history(new CampaignMemory.HistoryFilter(null, AT_RISK, null, null, null, null, null), 0, 50));
        views.put("operations at risk", memory.segmentOperations(AT_RISK, LATER));
        views.put("operations champions", memory.segmentOperations(CHAMPIONS, LATER));
        views.put("pressure", pressure.pressure(at("2025-03-05T00:00:00Z"), null, 30, 1, 100, b4.value()));
        views.put("pressure on email", pressure.pressure(at("2025-03-05T00:00:00Z"), Channel.EMAIL, 90, 0, 100, null));
        views.put(
                "receptivity",
                receptivity.receptivity(at("2025-01-01T00:00:00Z"), LATER, null, null, 1, 20, b3.value()));
        views.put(
                "receptivity at risk",
                receptivity.receptivity(at("2025-01-01T00:00:00Z"), LATER, Channel.SMS, AT_RISK, 1, 20, null));
        return views;
    }

    // ---- the history's facts ----

    private static CampaignDefined defined(
            CampaignId id,
            String name,
            String objective,
            Channel channel,
            String offer,
            Money cost,
            int windowDays,
            String controlRatio,
            List<Variant> variants,
            String definedAt) {
        return new CampaignDefined(
                id,
                name,
                objective,
                channel,
                ConsentPurpose.MARKETING,
                offer,
                "tpl-" + name.toLowerCase().replace(' ', '-'),
                "whoever " + name + " aims at",
                cost,
                windowDays,
                new BigDecimal(controlRatio),
                variants,
                at(definedAt));
    }

    private static AudienceMember member(CustomerId customer, String segment, String assignment) {
        return new AudienceMember(customer, segment, assignment);
    }

    /** An approved contact, and what the sending tool reported on it in the following minutes. */
    private static void approved(
            CampaignEventWriter events,
            CampaignId campaign,
            Channel channel,
            CustomerId customer,
            String variant,
            String approvedAt,
            DeliveryOutcome... outcomes) {
        Instant approved = at(approvedAt);
        List<Object> facts = new ArrayList<>();
        facts.add(new ContactApproved(customer, campaign, channel, variant, approved));
        for (int i = 0; i < outcomes.length; i++) {
            facts.add(new DeliveryOutcomeRecorded(
                    customer, campaign, channel, outcomes[i], approved.plusSeconds(600L * (i + 1))));
        }
        events.customer(customer, facts.toArray());
    }

    /** Spring's gate refusing a customer half an hour after the launch. */
    private static void refused(CampaignEventWriter events, CustomerId customer, ContactRefusal reason) {
        events.customer(
                customer, new ContactRefused(customer, SPRING, Channel.EMAIL, reason, at("2025-03-01T10:30:00Z")));
    }

    private static void bought(
            CampaignEventWriter events, CustomerId customer, String reference, String when, String amount) {
        Money total = Money.of(amount, "EUR");
        events.customer(
                customer,
                new PurchaseRecorded(
                        customer,
                        OrderReference.of(reference),
                        at(when),
                        total,
                        List.of(new PurchaseLine(Sku.of("SKU-1"), 1, total)),
                        SalesChannel.WEB));
    }

    private static ReturnRecorded returned(CustomerId customer, String reference, String when, String amount) {
        Money refund = Money.of(amount, "EUR");
        return new ReturnRecorded(
                customer,
                OrderReference.of(reference),
                at(when),
                refund,
                List.of(new PurchaseLine(Sku.of("SKU-1"), 1, refund)),
                SalesChannel.WEB);
    }

    // ---- helpers ----

    private CampaignResults results(CampaignId campaign) {
        return memory.results(memory.campaign(campaign.value()).orElseThrow(), LATER, null);
    }

    private List<String> history(CampaignMemory.HistoryFilter filter) {
        return memory.history(filter, 0, 50).items().stream()
                .map(CampaignView::name)
                .toList();
    }

    /** Members, approved, refused, undecided, sent, delivered, soft and hard bounced, opened, clicked, converted, rate. */
    private static List<Object> counts(Arm arm) {
        return List.of(
                arm.members(),
                arm.approved(),
                arm.refused(),
                arm.undecided(),
                arm.sent(),
                arm.delivered(),
                arm.softBounced(),
                arm.hardBounced(),
                arm.opened(),
                arm.clicked(),
                arm.converted(),
                arm.conversionRate());
    }

    /** Revenue, attributed revenue and revenue per head, as written. */
    private static List<String> money(Arm arm) {
        return List.of(
                arm.revenue().toPlainString(),
                arm.attributedRevenue().toPlainString(),
                arm.revenuePerHead().toPlainString());
    }

    /** Cost share, ROI, incremental revenue and its ROI. */
    private static List<Object> returns(Group group) {
        return List.of(
                group.cost().toPlainString(),
                group.roi(),
                group.incrementalRevenue().toPlainString(),
                group.incrementalRoi());
    }

    private static PeriodPressure period(int days, long customers, long messages, Double average, long maximum) {
        return new PeriodPressure(days, customers, messages, average, maximum);
    }

    private static Rates rates(long messages, long opened, long clicked) {
        return Rates.of(messages, opened, clicked);
    }

    private StreamingEventProcessor processor() {
        return Processors.processor(processing, CampaignMemoryProjection.PROCESSING_GROUP);
    }

    private static String name(CampaignId campaign) {
        return campaign.equals(SPRING)
                ? "Spring"
                : campaign.equals(LOYALTY)
                        ? "Loyalty"
                        : campaign.equals(WINTER) ? "Winter" : campaign.equals(AUTUMN) ? "Autumn" : "Promo";
    }

    private static String id(CustomerId customer) {
        return customer.toString();
    }

    private static CustomerId customer(String name) {
        return new CustomerId(UUID.fromString("20000000-0000-0000-0000-0000000000" + name));
    }

    private static CampaignId campaignId(int number) {
        return new CampaignId(UUID.fromString("10000000-0000-0000-0000-00000000000" + number));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
