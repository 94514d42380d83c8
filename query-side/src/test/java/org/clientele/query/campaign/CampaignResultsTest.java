package org.clientele.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.clientele.events.campaign.DeliveryOutcome;
import org.clientele.query.campaign.Attribution.Purchase;
import org.clientele.query.campaign.CampaignResults.Group;
import org.clientele.query.campaign.CampaignResults.Member;
import org.clientele.query.campaign.CampaignResults.Verdict;
import org.clientele.query.campaign.UpliftStatistics.Estimate;
import org.junit.jupiter.api.Test;

/**
 * The results function on a campaign small enough to follow by hand: 60.00 EUR, no variants, a 10-day window,
 * closed 5 days after its launch. m1 is contacted an hour after the launch and buys twice (once after the closing,
 * within its window), m2 is refused and buys in pounds, m3 (control) buys, m4 (control) does not.
 */
class CampaignResultsTest {

    private static final String ID = "00000000-0000-0000-0000-0000000000c1";
    private static final Instant LAUNCH = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant CLOSED = LAUNCH.plus(Duration.ofDays(5));
    private static final Instant LONG_AFTER = LAUNCH.plus(Duration.ofDays(30));
    /** m1's contact plus the 10-day window: the last window to end (the launch's ends an hour earlier). */
    private static final Instant LAST_WINDOW_ENDS =
            LAUNCH.plus(Duration.ofDays(10)).plus(Duration.ofHours(1));

    private final List<Member> members = List.of(
            member(
                    "m1",
                    "MAIN",
                    List.of(LAUNCH.plus(Duration.ofHours(1))),
                    null,
                    Set.of(DeliveryOutcome.SENT, DeliveryOutcome.OPENED),
                    purchase("m1-a", 2, "40.00", "EUR"),
                    purchase("m1-b", 6, "30.00", "EUR")), // after the closing, within the windows: counted
            member("m2", "MAIN", List.of(), "NO_CONSENT", Set.of(), purchase("m2-a", 1, "25.00", "GBP")),
            member("m3", "CONTROL", List.of(), null, Set.of(), purchase("m3-a", 3, "10.00", "EUR")),
            member("m4", "CONTROL", List.of(), null, Set.of()));

    @Test
    void closingStopsTheContactsNotTheWindows() {
        CampaignResults results = CampaignResults.of(campaign(cost("60.00")), members, LONG_AFTER, null, null);

        // closed, and 30 days on, past the last window's end: final
        assertThat(results.asOf()).isEqualTo(LONG_AFTER);
        assertThat(results.lastWindowEndsAt()).isEqualTo(LAST_WINDOW_ENDS);
        assertThat(results.finalResults()).isTrue();
        assertThat(results.currency()).isEqualTo("EUR");
        Group total = results.total();
        // m1's 40.00 and its 30.00 of day 6, after the closing but within both windows; m2's pounds convert but add
        // nothing in euros
        assertThat(total.targeted())
                .extracting(
                        CampaignResults.Arm::members,
                        CampaignResults.Arm::approved,
                        CampaignResults.Arm::refused,
                        CampaignResults.Arm::undecided,
                        CampaignResults.Arm::sent,
                        CampaignResults.Arm::opened,
                        CampaignResults.Arm::converted,
                        CampaignResults.Arm::conversionRate,
                        arm -> arm.revenue().toPlainString(),
                        arm -> arm.attributedRevenue().toPlainString(),
                        arm -> arm.revenuePerHead().toPlainString())
                .containsExactly(2L, 1L, Map.of("NO_CONSENT", 1L), 0L, 1L, 1L, 2L, 1.0, "70.00", "70.00", "35.0000");
        assertThat(total.heldOut())
                .extracting(
                        CampaignResults.Arm::members,
                        CampaignResults.Arm::undecided,
                        CampaignResults.Arm::converted,
                        arm -> arm.revenue().toPlainString(),
                        arm -> arm.attributedRevenue().toPlainString(),
                        arm -> arm.revenuePerHead().toPlainString())
                .containsExactly(2L, 2L, 1L, "10.00", "0.00", "5.0000");
        // conversion 1.0 - 0.5 = 0.5. Agresti-Caffo: p~1 = 3 / 4, p~0 = 2 / 4, centre 0.25; variance
        // 0.75 * 0.25 / 4 + 0.5 * 0.5 / 4 = 0.109375, standard error 0.3307189, half-width 0.6481972.
        assertThat(total.uplift().conversionRate()).isEqualTo(new Estimate(0.5, -0.398197, 0.898197));
        // revenue per head 35 - 5 = 30; s1² = (35² + 35²) / 1 = 2,450, s0² = (5² + 5²) / 1 = 50;
        // standard error sqrt(2,450 / 2 + 50 / 2) = 35.3553391, half-width 69.2951889
        assertThat(total.uplift().revenuePerHead()).isEqualTo(new Estimate(30.0, -39.2952, 99.2952));
        // two members a side: intervals shown, no verdict
        assertThat(total.verdict()).isEqualTo(Verdict.TOO_SMALL);
        // ROI (70 - 60) / 60 = 0.1667; incremental revenue 70 - 10 * 2 / 2 = 60, its ROI (60 - 60) / 60 = 0
        assertThat(total.cost()).isEqualByComparingTo("60.00");
        assertThat(total.roi()).isEqualTo(0.1667);
        assertThat(total.incrementalRevenue()).isEqualByComparingTo("60.00");
        assertThat(total.incrementalRoi()).isEqualTo(0.0);
    }

    @Test
    void aClosedCampaignIsNotFinalUntilItsLastWindowHasRunOut() {
        // two days after the closing: m1's purchase of day 6 counts already, the windows are still open
        CampaignResults weekOne =
                CampaignResults.of(campaign(cost("60.00")), members, LAUNCH.plus(Duration.ofDays(7)), null, null);
        assertThat(weekOne.finalResults()).isFalse();
        assertThat(weekOne.total().targeted().revenue()).isEqualByComparingTo("70.00");

        // the launch's window is over (day 10), m1's contact's is not (day 10 plus an hour)
        assertThat(CampaignResults.of(campaign(cost("60.00")), members, LAST_WINDOW_ENDS.minusSeconds(1), null, null)
                        .finalResults())
                .isFalse();
        assertThat(CampaignResults.of(campaign(cost("60.00")), members, LAST_WINDOW_ENDS.plusSeconds(1), null, null)
                        .finalResults())
                .isTrue();
    }

    @Test
    void everyMemberIsMeasuredOverTheSameWindowFromTheLaunch() {
        // The gate ran for t1 three days after the launch. t1 bought 20.00 on day 1, before its contact, and 50.00 on
        // day 12, after the launch's window but within its contact's. k1 (control) bought 20.00 on day 1.
        // t2 was approved an hour after the launch, its email hard-bounced; it bought 40.00 on day 2.
        Instant lateGate = LAUNCH.plus(Duration.ofDays(3));
        Instant early = LAUNCH.plus(Duration.ofHours(1));
        List<Member> audience = List.of(
                member(
                        "t1",
                        "MAIN",
                        List.of(lateGate),
                        null,
                        Set.of(DeliveryOutcome.SENT),
                        purchase("t1-a", 1, "20.00", "EUR"),
                        purchase("t1-b", 12, "50.00", "EUR")),
                new Member(
                        UUID.nameUUIDFromBytes("t2".getBytes()),
                        null,
                        "MAIN",
                        List.of(early),
                        null,
                        Set.of(DeliveryOutcome.SENT, DeliveryOutcome.HARD_BOUNCE),
                        List.of(early.plus(Duration.ofMinutes(10))),
                        List.of(),
                        List.of(purchase("t2-a", 2, "40.00", "EUR"))),
                member("k1", "CONTROL", List.of(), null, Set.of(), purchase("k1-a", 1, "20.00", "EUR")),
                member("k2", "CONTROL", List.of(), null, Set.of()));

        Group total =
                CampaignResults.of(open(), audience, LONG_AFTER, null, null).total();

        // The comparison, over [launch, launch + 10 days] for all: t1 20 (day 1; day 12 is after), t2 40;
        // k1 20, k2 0. Measuring t1 from its contact would have given it 50 against the control's 20 from launch.
        assertThat(total.targeted().revenue()).isEqualByComparingTo("60.00");
        assertThat(total.targeted().converted()).isEqualTo(2);
        assertThat(total.heldOut().revenue()).isEqualByComparingTo("20.00");
        // 60 / 2 - 20 / 2 = 20
        assertThat(total.uplift().revenuePerHead().difference()).isEqualTo(20.0);
        // Credited by last touch: t1's 50 (within its contact's window; its 20 came before the contact);
        // nothing for t2, whose only contact hard-bounced and so is no touch.
        assertThat(total.targeted().attributedRevenue()).isEqualByComparingTo("50.00");
        assertThat(total.targeted().hardBounced()).isEqualTo(1);
    }

    @Test
    void aVerdictNeedsThirtyMembersOnEachSide() {
        // 40 treated, 20 of whom bought 10.00; 30 control, 3 of whom did.
        // Conversion 0.5 - 0.1 = 0.4: p~1 = 21 / 42 = 0.5, p~0 = 4 / 32 = 0.125, variance 0.25 / 42 + 0.109375 / 32
        // = 0.0093703, standard error 0.0968006, half-width 0.1897256: [0.185274, 0.564726].
        // Per head 5 - 1 = 4: s1² = 40 * 25 / 39 = 25.6410, s0² = (3 * 81 + 27 * 1) / 29 = 9.3103; standard error
        // sqrt(25.6410 / 40 + 9.3103 / 30) = 0.9753822, half-width 1.9117149: [2.0883, 5.9117]. Both above: WINNER.
        List<Member> treated = buyers("t", 40, 20, "MAIN");
        List<Member> control = buyers("k", 30, 3, "CONTROL");

        Group winner = CampaignResults.of(open(), concat(treated, control), LONG_AFTER, null, null)
                .total();
        assertThat(winner.uplift())
                .isEqualTo(new CampaignResults.Uplift(
                        new Estimate(0.4, 0.185274, 0.564726), new Estimate(4.0, 2.0883, 5.9117)));
        assertThat(winner.verdict()).isEqualTo(Verdict.WINNER);

        // one control member fewer (a non-buyer): both intervals still lie above zero, but 29 is too few
        Group tooSmall = CampaignResults.of(open(), concat(treated, control.subList(0, 29)), LONG_AFTER, null, null)
                .total();
        assertThat(tooSmall.uplift().conversionRate().significantlyAbove()).isTrue();
        assertThat(tooSmall.verdict()).isEqualTo(Verdict.TOO_SMALL);
        assertThat(CampaignResults.of(open(), concat(treated.subList(0, 29), control), LONG_AFTER, null, null)
                        .total()
                        .verdict())
                .isEqualTo(Verdict.TOO_SMALL);
    }

    @Test
    void revenueInAnotherCurrencyHasNoReturnOnACostInEuros() {
        Group total = CampaignResults.of(campaign(cost("60.00")), members, LONG_AFTER, "GBP", null)
                .total();

        assertThat(total.targeted().revenue()).isEqualByComparingTo("25.00");
        assertThat(total.cost()).isNull();
        assertThat(total.roi()).isNull();
    }

    @Test
    void withoutACostRevenueIsCountedInTheCurrencyMostOfItWasIn() {
        // euros: 40 + 30 + 10 = 80 against 25 pounds
        assertThat(CampaignResults.of(campaign(null), members, LONG_AFTER, null, null)
                        .currency())
                .isEqualTo("EUR");
    }

    @Test
    void aPartOfTheAudienceBearsTheCostOfItsShareOfApprovedMembers() {
        // m1 alone, of 4 approved members in the whole campaign: 60 * 1 / 4 = 15; ROI (70 - 15) / 15 = 3.6667
        CampaignResults results = CampaignResults.of(
                campaign(cost("60.00")),
                members.subList(0, 1),
                LONG_AFTER,
                null,
                new CampaignResults.WholeCampaign(4, LAUNCH.plus(Duration.ofDays(4))));
        Group part = results.total();

        assertThat(part.cost()).isEqualByComparingTo("15.00");
        assertThat(part.roi()).isEqualTo(3.6667);
        assertThat(part.heldOut().members()).isZero();
        assertThat(part.uplift().conversionRate()).isEqualTo(new Estimate(null, null, null));
        assertThat(part.verdict()).isEqualTo(Verdict.UNMEASURED);
        // the whole campaign's last approval, not this part's, says when the last window ends
        assertThat(results.lastWindowEndsAt()).isEqualTo(LAUNCH.plus(Duration.ofDays(14)));
    }

    /** {@code count} members of one arm, the first {@code buying} of whom bought 10.00 on day 1. */
    private static List<Member> buyers(String prefix, int count, int buying, String assignment) {
        List<Member> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(
                    i < buying
                            ? member(
                                    prefix + i,
                                    assignment,
                                    List.of(),
                                    null,
                                    Set.of(),
                                    purchase(prefix + i + "-a", 1, "10.00", "EUR"))
                            : member(prefix + i, assignment, List.of(), null, Set.of()));
        }
        return list;
    }

    private static List<Member> concat(List<Member> first, List<Member> second) {
        List<Member> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The same campaign, not closed. */
    private static CampaignView open() {
        CampaignView closed = campaign(null);
        return new CampaignView(
                closed.campaignId(),
                closed.name(),
                closed.objective(),
                closed.channel(),
                closed.purpose(),
                closed.offer(),
                closed.messageReference(),
                closed.targetDescription(),
                null,
                closed.attributionWindowDays(),
                closed.controlRatio(),
                closed.variants(),
                CampaignView.Status.LAUNCHED,
                closed.definedAt(),
                closed.launchedAt(),
                null,
                closed.audience(),
                closed.audienceSize(),
                closed.controlSize(),
                closed.segments());
    }

    private static CampaignView campaign(CampaignView.Amount cost) {
        return new CampaignView(
                ID,
                "Spring",
                "reactivation",
                "EMAIL",
                "marketing",
                "10% off",
                "tpl-1",
                "lapsed buyers",
                cost,
                10,
                new BigDecimal("0.5"),
                List.of(),
                CampaignView.Status.CLOSED,
                LAUNCH.minus(Duration.ofDays(1)),
                LAUNCH,
                CLOSED,
                "explicit list",
                4,
                2,
                List.of());
    }

    private static CampaignView.Amount cost(String amount) {
        return new CampaignView.Amount(new BigDecimal(amount), "EUR");
    }

    private static Member member(
            String name,
            String assignment,
            List<Instant> approvals,
            String refusal,
            Set<DeliveryOutcome> outcomes,
            Purchase... purchases) {
        return new Member(
                UUID.nameUUIDFromBytes(name.getBytes()),
                null,
                assignment,
                approvals,
                refusal,
                outcomes,
                List.of(),
                List.of(),
                List.of(purchases));
    }

    private static Purchase purchase(String reference, int day, String amount, String currency) {
        return new Purchase(
                reference,
                LAUNCH.plus(Duration.ofDays(day)).plusSeconds(3600 * 2),
                new BigDecimal(amount),
                currency,
                false);
    }
}
