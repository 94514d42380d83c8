package org.clientele.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
 * closed 5 days after its launch. m1 is contacted and buys twice (once after the closing), m2 is refused and buys in
 * pounds, m3 (control) buys, m4 (control) does not.
 */
class CampaignResultsTest {

    private static final String ID = "00000000-0000-0000-0000-0000000000c1";
    private static final Instant LAUNCH = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant CLOSED = LAUNCH.plus(Duration.ofDays(5));
    private static final Instant LONG_AFTER = LAUNCH.plus(Duration.ofDays(30));

    private final List<Member> members = List.of(
            member(
                    "m1",
                    "MAIN",
                    List.of(LAUNCH.plus(Duration.ofHours(1))),
                    null,
                    Set.of(DeliveryOutcome.SENT, DeliveryOutcome.OPENED),
                    purchase("m1-a", 2, "40.00", "EUR"),
                    purchase("m1-b", 6, "30.00", "EUR")), // after the closing: never counted
            member("m2", "MAIN", List.of(), "NO_CONSENT", Set.of(), purchase("m2-a", 1, "25.00", "GBP")),
            member("m3", "CONTROL", List.of(), null, Set.of(), purchase("m3-a", 3, "10.00", "EUR")),
            member("m4", "CONTROL", List.of(), null, Set.of()));

    @Test
    void aClosedCampaignsFiguresStopAtItsClosing() {
        CampaignResults results = CampaignResults.of(campaign(cost("60.00")), members, LONG_AFTER, null, null);

        assertThat(results.asOf()).isEqualTo(CLOSED);
        assertThat(results.finalResults()).isTrue();
        assertThat(results.currency()).isEqualTo("EUR");
        Group total = results.total();
        // m1's 40.00 only (its 30.00 came after the closing); m2's pounds convert but add nothing in euros
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
                .containsExactly(2L, 1L, Map.of("NO_CONSENT", 1L), 0L, 1L, 1L, 2L, 1.0, "40.00", "40.00", "20.0000");
        assertThat(total.heldOut())
                .extracting(
                        CampaignResults.Arm::members,
                        CampaignResults.Arm::undecided,
                        CampaignResults.Arm::converted,
                        arm -> arm.revenue().toPlainString(),
                        arm -> arm.attributedRevenue().toPlainString(),
                        arm -> arm.revenuePerHead().toPlainString())
                .containsExactly(2L, 2L, 1L, "10.00", "0.00", "5.0000");
        // conversion 1.0 - 0.5 = 0.5; standard error sqrt(0 / 2 + 0.25 / 2) = 0.3535534; half-width 0.6929519
        assertThat(total.uplift().conversionRate()).isEqualTo(new Estimate(0.5, -0.192952, 1.192952));
        assertThat(total.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        // ROI (40 - 60) / 60 = -0.3333; incremental revenue 40 - 10 * 2 / 2 = 30, its ROI (30 - 60) / 60 = -0.5
        assertThat(total.cost()).isEqualByComparingTo("60.00");
        assertThat(total.roi()).isEqualTo(-0.3333);
        assertThat(total.incrementalRevenue()).isEqualByComparingTo("30.00");
        assertThat(total.incrementalRoi()).isEqualTo(-0.5);
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
        // euros: 40 + 10 = 50 against 25 pounds
        assertThat(CampaignResults.of(campaign(null), members, LONG_AFTER, null, null)
                        .currency())
                .isEqualTo("EUR");
    }

    @Test
    void aPartOfTheAudienceBearsTheCostOfItsShareOfApprovedMembers() {
        // m1 alone, of 4 approved members in the whole campaign: 60 * 1 / 4 = 15; ROI (40 - 15) / 15 = 1.6667
        Group part = CampaignResults.of(campaign(cost("60.00")), members.subList(0, 1), LONG_AFTER, null, 4L)
                .total();

        assertThat(part.cost()).isEqualByComparingTo("15.00");
        assertThat(part.roi()).isEqualTo(1.6667);
        assertThat(part.heldOut().members()).isZero();
        assertThat(part.uplift().conversionRate()).isEqualTo(new Estimate(null, null, null));
        assertThat(part.verdict()).isEqualTo(Verdict.UNMEASURED);
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
