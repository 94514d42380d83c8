package org.clientele.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.clientele.query.campaign.UpliftStatistics.Estimate;
import org.junit.jupiter.api.Test;

class UpliftStatisticsTest {

    private static final double EXACT = 1e-9;

    @Test
    void conversionUpliftHasAWaldInterval() {
        // Treated: 4 converted of 10, p1 = 0.4. Control: 1 of 5, p0 = 0.2. Difference 0.2.
        // Variance: 0.4 * 0.6 / 10 + 0.2 * 0.8 / 5 = 0.024 + 0.032 = 0.056; standard error sqrt(0.056) = 0.2366432.
        // Half-width: 1.959964 * 0.2366432 = 0.4638121. Interval: [-0.2638121, 0.6638121].
        Estimate estimate = UpliftStatistics.proportions(4, 10, 1, 5);

        assertThat(estimate.difference()).isCloseTo(0.2, within(EXACT));
        assertThat(estimate.low()).isCloseTo(-0.2638121, within(1e-7));
        assertThat(estimate.high()).isCloseTo(0.6638121, within(1e-7));
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
        // Treated 2 of 4 (0.5), control 0 of 2 (0): variance 0.25 / 4 + 0 = 0.0625, standard error 0.25,
        // half-width 0.489991: [0.010009, 0.989991], just above zero.
        Estimate estimate = UpliftStatistics.proportions(2, 4, 0, 2);

        assertThat(estimate.low()).isCloseTo(0.010009, within(1e-9));
        assertThat(estimate.high()).isCloseTo(0.989991, within(1e-9));
        assertThat(estimate.significantlyAbove()).isTrue();
        assertThat(estimate.significantlyBelow()).isFalse();
        assertThat(UpliftStatistics.proportions(0, 2, 2, 4).significantlyBelow())
                .isTrue();
    }

    @Test
    void aGroupOfOneHasADifferenceButNoInterval() {
        Estimate conversion = UpliftStatistics.proportions(1, 1, 1, 4);
        Estimate perHead = UpliftStatistics.means(new double[] {30}, new double[] {0, 10, 20, 30});

        assertThat(conversion.difference()).isCloseTo(0.75, within(EXACT));
        assertThat(conversion.low()).isNull();
        assertThat(conversion.high()).isNull();
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
    void waldIntervalCollapsesWhenEveryoneConverted() {
        // The normal approximation's known weakness: with p = 1 on both sides the standard error is 0.
        Estimate estimate = UpliftStatistics.proportions(5, 5, 3, 3);

        assertThat(estimate).isEqualTo(new Estimate(0.0, 0.0, 0.0));
    }

    @Test
    void roundsFiguresForDisplay() {
        assertThat(UpliftStatistics.proportions(4, 10, 1, 5).rounded(4)).isEqualTo(new Estimate(0.2, -0.2638, 0.6638));
    }
}
