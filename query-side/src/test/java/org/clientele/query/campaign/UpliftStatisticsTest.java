package org.clientele.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.clientele.query.campaign.UpliftStatistics.Estimate;
import org.junit.jupiter.api.Test;

class UpliftStatisticsTest {

    private static final double EXACT = 1e-9;

    @Test
    void conversionUpliftHasAnAgrestiCaffoInterval() {
        // Treated: 4 converted of 10, p1 = 0.4. Control: 1 of 5, p0 = 0.2. The estimate is the raw difference, 0.2.
        // Adjusted (one success and one failure more each side): p~1 = 5 / 12 = 0.4166667, p~0 = 2 / 7 = 0.2857143,
        // centre 0.1309524. Variance: (5/12)(7/12) / 12 + (2/7)(5/7) / 7 = 0.0202546 + 0.0291545 = 0.0494091;
        // standard error 0.2222817; half-width 1.959964 * 0.2222817 = 0.4356641. Interval: [-0.3047117, 0.5666165].
        // (Wald's would have been 0.2 ± 0.4638121: [-0.2638121, 0.6638121].)
        Estimate estimate = UpliftStatistics.proportions(4, 10, 1, 5);

        assertThat(estimate.difference()).isCloseTo(0.2, within(EXACT));
        assertThat(estimate.low()).isCloseTo(-0.3047117, within(1e-7));
        assertThat(estimate.high()).isCloseTo(0.5666165, within(1e-7));
    }

    @Test
    void aControlWithoutConversionStillAddsUncertainty() {
        // Treated 2 of 2 against control 0 of 2: Wald's variance 1 * 0 / 2 + 0 * 1 / 2 = 0 gave [1, 1], a certainty.
        // Adjusted: p~1 = 3 / 4, p~0 = 1 / 4, centre 0.5; variance 0.1875 / 4 + 0.1875 / 4 = 0.09375, standard error
        // 0.3061862, half-width 0.6001140: [-0.100114, 1.100114], kept within [-1, 1]: [-0.100114, 1].
        Estimate estimate = UpliftStatistics.proportions(2, 2, 0, 2);

        assertThat(estimate.difference()).isCloseTo(1.0, within(EXACT));
        assertThat(estimate.low()).isCloseTo(-0.100114, within(1e-6));
        assertThat(estimate.high()).isEqualTo(1.0);
        assertThat(estimate.significantlyAbove()).isFalse();

        // The README's scenario: 5 of 18 treated against 0 of 2 held out. Raw difference 5 / 18 = 0.2777778.
        // p~1 = 6 / 20 = 0.3, p~0 = 1 / 4 = 0.25, centre 0.05; variance 0.21 / 20 + 0.1875 / 4 = 0.057375, standard
        // error 0.2395308, half-width 0.4694717: [-0.4194717, 0.5194717]. Wald's said [0.0708, 0.4847], a winner.
        Estimate scenario = UpliftStatistics.proportions(5, 18, 0, 2);
        assertThat(scenario.difference()).isCloseTo(5.0 / 18, within(EXACT));
        assertThat(scenario.low()).isCloseTo(-0.4194717, within(1e-7));
        assertThat(scenario.high()).isCloseTo(0.5194717, within(1e-7));
    }

    @Test
    void revenuePerHeadUpliftHasAWelchInterval() {
        // Treated: 10, 20, 30, 40; mean 25; squared deviations 225 + 25 + 25 + 225 = 500; s1² = 500 / 3 = 166.667.
        // Control: 0, 10, 20; mean 10; squared deviations 100 + 0 + 100 = 200; s0² = 200 / 2 = 100.
        // Difference 15. Standard error sqrt(166.667 / 4 + 100 / 3) = sqrt(41.667 + 33.333) = sqrt(75) = 8.6602540.
        // Half-width: 1.959964 * 8.6602540 = 16.9737861. Interval: [-1.9737861, 31.9737861].
        Estimate estimate = UpliftStatistics.means(new double[] {10, 20, 30, 40}, new double[] {0, 10, 20});

        assertThat(estimate.difference()).isCloseTo(15, within(EXACT));
        assertThat(estimate.low()).isCloseTo(-1.9737861, within(1e-7));
        assertThat(estimate.high()).isCloseTo(31.9737861, within(1e-7));
    }

    @Test
    void anIntervalEntirelyAboveZeroIsSignificant() {
        // Treated 20 of 40 (0.5), control 3 of 30 (0.1): difference 0.4. p~1 = 21 / 42 = 0.5, p~0 = 4 / 32 = 0.125,
        // centre 0.375; variance 0.25 / 42 + 0.125 * 0.875 / 32 = 0.0059524 + 0.0034180 = 0.0093703, standard error
        // 0.0968006, half-width 0.1897256: [0.1852744, 0.5647256], above zero.
        Estimate estimate = UpliftStatistics.proportions(20, 40, 3, 30);

        assertThat(estimate.difference()).isCloseTo(0.4, within(EXACT));
        assertThat(estimate.low()).isCloseTo(0.1852744, within(1e-7));
        assertThat(estimate.high()).isCloseTo(0.5647256, within(1e-7));
        assertThat(estimate.significantlyAbove()).isTrue();
        assertThat(estimate.significantlyBelow()).isFalse();
        assertThat(UpliftStatistics.proportions(3, 30, 20, 40).significantlyBelow())
                .isTrue();
        // 2 of 4 against 0 of 2, a winner under Wald ([0.010009, 0.989991]), is not: p~1 = 0.5, p~0 = 0.25,
        // standard error sqrt(0.25 / 6 + 0.1875 / 4) = 0.2975595, half-width 0.5832059: [-0.3332059, 0.8332059]
        Estimate small = UpliftStatistics.proportions(2, 4, 0, 2);
        assertThat(small.low()).isCloseTo(-0.3332059, within(1e-7));
        assertThat(small.significantlyAbove()).isFalse();
    }

    @Test
    void aGroupOfOneHasAConversionIntervalButNoRevenueInterval() {
        // Agresti-Caffo needs no variance estimate: 1 of 1 against 1 of 4 gives p~1 = 2 / 3, p~0 = 2 / 6, centre
        // 1 / 3; variance (2/9) / 3 + (2/9) / 6 = 0.1111111, standard error 1 / 3, half-width 0.6533213:
        // [-0.3199880, 0.9866547]. A variance of revenue cannot be estimated from one value: no interval.
        Estimate conversion = UpliftStatistics.proportions(1, 1, 1, 4);
        Estimate perHead = UpliftStatistics.means(new double[] {30}, new double[] {0, 10, 20, 30});

        assertThat(conversion.difference()).isCloseTo(0.75, within(EXACT));
        assertThat(conversion.low()).isCloseTo(-0.319988, within(1e-6));
        assertThat(conversion.high()).isCloseTo(0.9866547, within(1e-7));
        assertThat(perHead.difference()).isCloseTo(15, within(EXACT));
        assertThat(perHead.low()).isNull();
        assertThat(perHead.high()).isNull();
    }

    @Test
    void anEmptyGroupHasNoDifference() {
        assertThat(UpliftStatistics.proportions(3, 10, 0, 0)).isEqualTo(new Estimate(null, null, null));
        assertThat(UpliftStatistics.means(new double[] {}, new double[] {1, 2}))
                .isEqualTo(new Estimate(null, null, null));
    }

    @Test
    void theIntervalDoesNotCollapseWhenEveryoneConverted() {
        // Wald's gave [0, 0] here. p~1 = 6 / 7 = 0.8571429, p~0 = 4 / 5 = 0.8, centre 0.0571429; variance
        // (6/7)(1/7) / 7 + 0.8 * 0.2 / 5 = 0.0174927 + 0.032 = 0.0494927, standard error 0.2224696, half-width
        // 0.4360324: [-0.3788895, 0.4931752].
        Estimate estimate = UpliftStatistics.proportions(5, 5, 3, 3);

        assertThat(estimate.difference()).isEqualTo(0.0);
        assertThat(estimate.low()).isCloseTo(-0.3788895, within(1e-7));
        assertThat(estimate.high()).isCloseTo(0.4931752, within(1e-7));
    }

    @Test
    void roundsFiguresForDisplay() {
        assertThat(UpliftStatistics.proportions(4, 10, 1, 5).rounded(4)).isEqualTo(new Estimate(0.2, -0.3047, 0.5666));
    }
}
