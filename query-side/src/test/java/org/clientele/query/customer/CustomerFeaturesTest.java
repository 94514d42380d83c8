package org.clientele.query.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.query.customer.Histories.day;
import static org.clientele.query.customer.Histories.prospect;
import static org.clientele.query.customer.Histories.purchasesAt;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle rules as one pure function. Unless a test says otherwise, the reference date is 2025-06-01, so the
 * recent year is (2024-06-01, 2025-06-01] and the year before it is (2023-06-01, 2024-06-01].
 */
class CustomerFeaturesTest {

    private static final String AS_OF = "2025-06-01";

    // --- the phase table, rule by rule ---

    @Test
    void customerWhoNeverBoughtIsAProspect() {
        CustomerFeatures features = featuresOf(prospect());

        assertThat(features.phase()).isEqualTo(LifecyclePhase.PROSPECT);
        assertThat(features.purchaseCount()).isZero();
        assertThat(features.firstPurchaseAt()).isNull();
        assertThat(features.lastPurchaseAt()).isNull();
        assertThat(features.netSpent()).isEmpty();
    }

    @Test
    void customerWithOneRecentPurchaseIsAFirstTimeBuyer() {
        CustomerFeatures features = featuresOf(purchasesAt("2025-01-10"));

        assertThat(features.phase()).isEqualTo(LifecyclePhase.FIRST_PURCHASE);
        assertThat(features.purchaseCount()).isEqualTo(1);
        assertThat(features.firstPurchaseAt()).isEqualTo(day("2025-01-10"));
        assertThat(features.lastPurchaseAt()).isEqualTo(day("2025-01-10"));
    }

    @Test
    void customerWithTwoRecentPurchasesIsARepeatBuyer() {
        CustomerFeatures features = featuresOf(purchasesAt("2024-11-10", "2025-03-10"));

        assertThat(features.phase()).isEqualTo(LifecyclePhase.REPEAT);
        assertThat(features.purchaseCount()).isEqualTo(2);
        assertThat(features.firstPurchaseAt()).isEqualTo(day("2024-11-10"));
        assertThat(features.lastPurchaseAt()).isEqualTo(day("2025-03-10"));
    }

    @Test
    void customerWithoutPurchaseForAYearIsInactive() {
        assertThat(featuresOf(purchasesAt("2023-09-10", "2024-03-10")).phase()).isEqualTo(LifecyclePhase.INACTIVE);
    }

    @Test
    void inactivityStartsExactlyTwelveMonthsAfterTheLastPurchase() {
        var history = purchasesAt("2024-06-01");

        assertThat(featuresOf(history, "2025-05-31").phase()).isEqualTo(LifecyclePhase.FIRST_PURCHASE);
        assertThat(featuresOf(history, "2025-06-01").phase()).isEqualTo(LifecyclePhase.INACTIVE);
    }

    @Test
    void customerMarkedChurnedWhoHasNotBoughtSinceIsChurned() {
        CustomerFeatures features =
                featuresOf(purchasesAt("2025-01-10", "2025-02-10").churnedOn("2025-03-01"));

        assertThat(features.phase()).isEqualTo(LifecyclePhase.CHURNED);
        assertThat(features.churned()).isTrue();
        assertThat(features.purchaseCount()).isEqualTo(2);
    }

    @Test
    void churnOutranksProspectAndInactive() {
        assertThat(featuresOf(prospect().churnedOn("2025-03-01")).phase()).isEqualTo(LifecyclePhase.CHURNED);
        assertThat(featuresOf(purchasesAt("2023-01-10").churnedOn("2023-06-01")).phase())
                .isEqualTo(LifecyclePhase.CHURNED);
    }

    @Test
    void customerBuyingFarLessThanTheYearBeforeIsDeclining() {
        CustomerFeatures features =
                featuresOf(purchasesAt("2023-07-10", "2023-09-10", "2023-11-10", "2024-01-10", "2024-12-10"));

        assertThat(features.priorPurchases()).isEqualTo(4);
        assertThat(features.recentPurchases()).isEqualTo(1);
        assertThat(features.phase()).isEqualTo(LifecyclePhase.DECLINING);
    }

    @Test
    void customerBuyingExactlyHalfAsOftenAsTheYearBeforeIsDeclining() {
        var history = purchasesAt("2023-07-10", "2023-09-10", "2023-11-10", "2024-01-10", "2024-12-10", "2025-03-10");

        assertThat(featuresOf(history).phase()).isEqualTo(LifecyclePhase.DECLINING);
    }

    @Test
    void customerKeepingUpThePreviousYearsPaceIsNotDeclining() {
        CustomerFeatures features = featuresOf(purchasesAt(
                "2023-07-10", "2023-09-10", "2023-11-10", "2024-01-10", "2024-12-10", "2025-02-10", "2025-04-10"));

        assertThat(features.priorPurchases()).isEqualTo(4);
        assertThat(features.recentPurchases()).isEqualTo(3);
        assertThat(features.phase()).isEqualTo(LifecyclePhase.REPEAT);
    }

    @Test
    void declineNeedsTheMinimumNumberOfEarlierPurchases() {
        var history = purchasesAt("2023-09-10", "2024-01-10", "2024-12-10");
        var needingThreeEarlierPurchases = new LifecycleSettings(12, 12, 0.5, 3, 12);

        assertThat(featuresOf(history).phase()).isEqualTo(LifecyclePhase.DECLINING);
        assertThat(featuresOf(history, AS_OF, needingThreeEarlierPurchases).phase())
                .isEqualTo(LifecyclePhase.REPEAT);
    }

    // --- comebacks and REACTIVATED ---

    @Test
    void purchaseAfterAYearWithoutBuyingIsAComeback() {
        CustomerFeatures features = featuresOf(purchasesAt("2023-09-10", "2024-10-10"));

        assertThat(features.lastComebackAt()).isEqualTo(day("2024-10-10"));
        assertThat(features.phase()).isEqualTo(LifecyclePhase.REACTIVATED);
    }

    @Test
    void gapOfExactlyTwelveMonthsIsAComeback() {
        CustomerFeatures features = featuresOf(purchasesAt("2023-10-10", "2024-10-10"));

        assertThat(features.lastComebackAt()).isEqualTo(day("2024-10-10"));
        assertThat(features.phase()).isEqualTo(LifecyclePhase.REACTIVATED);
    }

    @Test
    void gapOneDayShortOfTwelveMonthsIsNoComeback() {
        CustomerFeatures features = featuresOf(purchasesAt("2023-10-11", "2024-10-10"));

        assertThat(features.lastComebackAt()).isNull();
        assertThat(features.phase()).isEqualTo(LifecyclePhase.REPEAT);
    }

    @Test
    void purchaseAfterTheChurnMarkEndsTheChurnAndIsAComeback() {
        CustomerFeatures features =
                featuresOf(purchasesAt("2024-10-10", "2025-02-10").churnedOn("2024-12-01"));

        assertThat(features.churned()).isFalse();
        assertThat(features.lastComebackAt()).isEqualTo(day("2025-02-10"));
        assertThat(features.phase()).isEqualTo(LifecyclePhase.REACTIVATED);
    }

    @Test
    void onlyTheFirstPurchaseAfterTheChurnMarkIsAComeback() {
        var history = purchasesAt("2024-10-10", "2025-02-10", "2025-04-10").churnedOn("2024-12-01");

        assertThat(featuresOf(history).lastComebackAt()).isEqualTo(day("2025-02-10"));
    }

    @Test
    void prospectMarkedChurnedWhoThenBuysIsAFirstTimeBuyerNotAComeback() {
        CustomerFeatures features = featuresOf(purchasesAt("2025-02-10").churnedOn("2024-12-01"));

        assertThat(features.churned()).isFalse();
        assertThat(features.lastComebackAt()).isNull();
        assertThat(features.phase()).isEqualTo(LifecyclePhase.FIRST_PURCHASE);
    }

    @Test
    void reactivatedPhaseEndsTwelveMonthsAfterTheComeback() {
        var history = purchasesAt("2022-01-10", "2023-04-10", "2023-10-10");

        assertThat(featuresOf(history, "2024-04-09").phase()).isEqualTo(LifecyclePhase.REACTIVATED);
        assertThat(featuresOf(history, "2024-04-10").phase()).isEqualTo(LifecyclePhase.REPEAT);
    }

    @Test
    void inactivityOutranksReactivation() {
        var reactivatedForTwoYears = new LifecycleSettings(12, 12, 0.5, 2, 24);

        CustomerFeatures features =
                featuresOf(purchasesAt("2022-01-10", "2023-03-10"), "2024-06-01", reactivatedForTwoYears);

        assertThat(features.lastComebackAt()).isEqualTo(day("2023-03-10"));
        assertThat(features.phase()).isEqualTo(LifecyclePhase.INACTIVE);
    }

    @Test
    void reactivationOutranksDecline() {
        CustomerFeatures features = featuresOf(purchasesAt("2023-07-01", "2023-08-01", "2023-09-01", "2024-07-01")
                .churnedOn("2023-10-01"));

        assertThat(features.priorPurchases()).isEqualTo(3);
        assertThat(features.recentPurchases()).isEqualTo(1);
        assertThat(features.phase()).isEqualTo(LifecyclePhase.REACTIVATED);
    }

    // --- the reference date ---

    @Test
    void purchasesAfterTheReferenceDateAreIgnored() {
        CustomerFeatures features =
                featuresOf(prospect().purchase("2025-01-10", "10.00", "EUR").purchase("2025-06-02", "99.00", "EUR"));

        assertThat(features.purchaseCount()).isEqualTo(1);
        assertThat(features.lastPurchaseAt()).isEqualTo(day("2025-01-10"));
        assertThat(features.netSpent()).containsEntry(Currency.getInstance("EUR"), new BigDecimal("10.00"));
        assertThat(features.phase()).isEqualTo(LifecyclePhase.FIRST_PURCHASE);
    }

    @Test
    void purchaseOnTheReferenceDateCounts() {
        assertThat(featuresOf(purchasesAt("2025-01-10", AS_OF)).phase()).isEqualTo(LifecyclePhase.REPEAT);
    }

    @Test
    void churnAfterTheReferenceDateIsIgnored() {
        CustomerFeatures features = featuresOf(purchasesAt("2025-01-10").churnedOn("2025-06-02"));

        assertThat(features.churned()).isFalse();
        assertThat(features.phase()).isEqualTo(LifecyclePhase.FIRST_PURCHASE);
    }

    // --- money ---

    @Test
    void netSpentIsSummedPerCurrencyInCurrencyCodeOrder() {
        CustomerFeatures features = featuresOf(prospect()
                .purchase("2025-01-10", "20.00", "USD")
                .purchase("2025-02-10", "10.50", "EUR")
                .purchase("2025-03-10", "3.00", "GBP")
                .purchase("2025-04-10", "5.25", "EUR"));

        assertThat(features.netSpent().keySet())
                .extracting(Currency::getCurrencyCode)
                .containsExactly("EUR", "GBP", "USD");
        assertThat(features.netSpent().get(Currency.getInstance("EUR"))).isEqualByComparingTo("15.75");
        assertThat(features.netSpent().get(Currency.getInstance("GBP"))).isEqualByComparingTo("3.00");
        assertThat(features.netSpent().get(Currency.getInstance("USD"))).isEqualByComparingTo("20.00");
    }

    // --- how long a phase holds ---

    @Test
    void firstTimeBuyerStaysSoUntilTwelveMonthsAfterThePurchase() {
        var history = purchasesAt("2025-01-10");

        assertThat(featuresOf(history).phaseValidUntil()).isEqualTo(day("2026-01-10"));
        assertThat(featuresOf(history, "2026-01-09").phase()).isEqualTo(LifecyclePhase.FIRST_PURCHASE);
        assertThat(featuresOf(history, "2026-01-10").phase()).isEqualTo(LifecyclePhase.INACTIVE);
    }

    @Test
    void reactivatedCustomerStaysSoUntilTheComebackExpires() {
        var history = purchasesAt("2022-01-10", "2023-04-10", "2023-10-10");

        assertThat(featuresOf(history, "2024-02-01").phaseValidUntil()).isEqualTo(day("2024-04-10"));
    }

    @Test
    void onlyANewFactChangesAProspectOrAChurnedCustomer() {
        assertThat(featuresOf(prospect()).phaseValidUntil()).isNull();
        assertThat(featuresOf(purchasesAt("2025-01-10").churnedOn("2025-03-01")).phaseValidUntil())
                .isNull();
    }

    @Test
    void reassessingAtPhaseValidUntilFollowsEveryChangeThatTimeBrings() {
        List<Histories.Builder> histories = List.of(
                purchasesAt("2025-01-10"),
                purchasesAt("2024-11-10", "2025-03-10"),
                purchasesAt("2023-07-10", "2023-09-10", "2023-11-10", "2024-01-10", "2024-12-10"),
                purchasesAt(
                        "2023-07-10",
                        "2023-09-10",
                        "2023-11-10",
                        "2024-01-10",
                        "2024-12-10",
                        "2025-02-10",
                        "2025-04-10"),
                purchasesAt("2022-01-10", "2023-04-10", "2023-10-10"),
                purchasesAt("2023-07-01", "2023-08-01", "2023-09-01", "2024-07-01")
                        .churnedOn("2023-10-01"),
                purchasesAt("2024-10-10", "2025-02-10").churnedOn("2024-12-01"));

        for (Histories.Builder history : histories) {
            assertPhaseClockFollows(history);
        }
    }

    @Test
    void purchaseOnALeapDayStillMakesTheCustomerInactiveOnTime() {
        assertPhaseClockFollows(purchasesAt("2024-02-29"));
    }

    /**
     * Plays the phase clock for four years after the last fact: the stored phase is re-assessed only once its
     * phaseValidUntil has come, yet on every day it must equal the phase computed afresh.
     */
    private static void assertPhaseClockFollows(Histories.Builder history) {
        CustomerHistory facts = history.build();
        Instant lastFact = facts.purchases().get(facts.purchases().size() - 1).purchasedAt();
        if (facts.churnedAt() != null && facts.churnedAt().isAfter(lastFact)) {
            lastFact = facts.churnedAt();
        }
        CustomerFeatures stored = CustomerFeatures.of(facts, lastFact, LifecycleSettings.DEFAULTS);
        Instant until = lastFact.plus(Duration.ofDays(4 * 366));
        for (Instant today = lastFact; today.isBefore(until); today = today.plus(Duration.ofDays(1))) {
            while (stored.phaseValidUntil() != null && !today.isBefore(stored.phaseValidUntil())) {
                stored = CustomerFeatures.of(facts, stored.phaseValidUntil(), LifecycleSettings.DEFAULTS);
            }
            assertThat(stored.phase())
                    .as("phase on %s of %s, last assessed on %s", today, facts, stored.asOf())
                    .isEqualTo(CustomerFeatures.of(facts, today, LifecycleSettings.DEFAULTS)
                            .phase());
        }
    }

    private static CustomerFeatures featuresOf(Histories.Builder history) {
        return featuresOf(history, AS_OF);
    }

    private static CustomerFeatures featuresOf(Histories.Builder history, String asOf) {
        return featuresOf(history, asOf, LifecycleSettings.DEFAULTS);
    }

    private static CustomerFeatures featuresOf(Histories.Builder history, String asOf, LifecycleSettings settings) {
        return CustomerFeatures.of(history.build(), day(asOf), settings);
    }
}
