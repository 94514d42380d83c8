package org.clientele.query.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.query.customer.Histories.day;
import static org.clientele.query.customer.Histories.purchasesAt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clientele.query.customer.PhaseHistory.Period;
import org.junit.jupiter.api.Test;

/** A customer's phases over time: entered and left at the exact instants the lifecycle rules change their answer. */
class PhaseHistoryTest {

    private static final LifecycleSettings SETTINGS = LifecycleSettings.DEFAULTS;
    private static final Instant NOW = day("2026-01-01");

    @Test
    void aProspectWhoBoughtOnceThenStoppedIsInactiveExactlyTwelveMonthsAfterThePurchase() {
        CustomerHistory history = purchasesAt("2024-03-15").build();

        PhaseHistory phases = PhaseHistory.of(history, day("2024-01-10"), NOW, SETTINGS);

        assertThat(phases.periods())
                .containsExactly(
                        new Period(LifecyclePhase.PROSPECT, day("2024-01-10"), day("2024-03-15")),
                        new Period(LifecyclePhase.FIRST_PURCHASE, day("2024-03-15"), day("2025-03-15")),
                        new Period(LifecyclePhase.INACTIVE, day("2025-03-15"), null));
        Instant boundary = day("2025-03-15");
        assertThat(phases.phaseAt(boundary.minusNanos(1))).isEqualTo(LifecyclePhase.FIRST_PURCHASE);
        assertThat(phases.phaseAt(boundary)).isEqualTo(LifecyclePhase.INACTIVE);
        assertThat(CustomerFeatures.of(history, boundary.minusNanos(1), SETTINGS)
                        .phase())
                .isEqualTo(LifecyclePhase.FIRST_PURCHASE);
        assertThat(CustomerFeatures.of(history, boundary, SETTINGS).phase()).isEqualTo(LifecyclePhase.INACTIVE);
    }

    @Test
    void aComebackAfterInactivityIsReactivatedUntilItsOwnInactivity() {
        CustomerHistory history = purchasesAt("2022-01-01", "2023-06-01").build();

        List<Period> periods = PhaseHistory.of(history, null, NOW, SETTINGS).periods();

        assertThat(periods)
                .extracting(Period::phase)
                .containsExactly(
                        LifecyclePhase.FIRST_PURCHASE,
                        LifecyclePhase.INACTIVE,
                        LifecyclePhase.REACTIVATED,
                        LifecyclePhase.INACTIVE);
        assertThat(periods.get(0).enteredAt()).isEqualTo(day("2022-01-01"));
        assertThat(periods.get(1).enteredAt()).isEqualTo(day("2023-01-01"));
        assertThat(periods.get(2).enteredAt()).isEqualTo(day("2023-06-01"));
        assertThat(periods.get(3).enteredAt()).isEqualTo(day("2024-06-01"));
    }

    @Test
    void thePhaseAtAnyInstantIsWhatTheFeaturesSay() {
        CustomerHistory history = purchasesAt(
                        "2021-02-03",
                        "2021-05-20",
                        "2021-09-09",
                        "2021-12-24",
                        "2022-07-01",
                        "2024-02-29",
                        "2024-03-01")
                .churnedOn("2024-10-01")
                .build();
        PhaseHistory phases = PhaseHistory.of(history, day("2020-11-30"), NOW, SETTINGS);

        for (Instant at = day("2020-11-30"); at.isBefore(NOW); at = at.plus(Duration.ofHours(61))) {
            assertThat(phases.phaseAt(at))
                    .as("at %s", at)
                    .isEqualTo(CustomerFeatures.of(history, at, SETTINGS).phase());
        }
        assertThat(phases.periods().get(phases.periods().size() - 1))
                .isEqualTo(new Period(LifecyclePhase.CHURNED, day("2024-10-01"), null));
    }

    @Test
    void nothingIsKnownBeforeTheCustomerEnteredTheFile() {
        PhaseHistory phases = PhaseHistory.of(purchasesAt("2025-05-05").build(), null, NOW, SETTINGS);
        assertThat(phases.phaseAt(day("2025-05-04"))).isNull();
        assertThat(PhaseHistory.of(purchasesAt().build(), day("2026-06-01"), NOW, SETTINGS)
                        .periods())
                .isEmpty();
    }
}
