package org.clientele.query.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Quintile scores with the documented tie rule: a score depends only on how many values are strictly below. */
class QuintilesTest {

    @Test
    void tenDistinctValuesGiveTwoOfEachScore() {
        double[] values = IntStream.rangeClosed(1, 10).asDoubleStream().toArray();
        Quintiles quintiles = new Quintiles(values);
        assertThat(IntStream.rangeClosed(1, 10).map(v -> quintiles.score(v)).toArray())
                .containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
    }

    @Test
    void equalValuesAlwaysGetTheSameScoreWhateverTheirOrder() {
        // six of ten customers bought once: all of them score 1, and the scores above skip what the tie covers
        double[] values = {1, 1, 2, 1, 1, 3, 1, 5, 1, 2};
        Quintiles quintiles = new Quintiles(values);
        assertThat(quintiles.score(1)).isEqualTo(1);
        assertThat(quintiles.score(2)).isEqualTo(4); // 6 of 10 below: 1 + floor(5 * 6 / 10)
        assertThat(quintiles.score(3)).isEqualTo(5); // 8 of 10 below
        assertThat(quintiles.score(5)).isEqualTo(5);
        assertThat(new Quintiles(new double[] {5, 3, 2, 2, 1, 1, 1, 1, 1, 1}).score(2))
                .isEqualTo(4);
    }

    @Test
    void aLargerValueNeverScoresLower() {
        double[] values =
                IntStream.range(0, 997).mapToDouble(i -> (i * 7919) % 101).toArray();
        Quintiles quintiles = new Quintiles(values);
        int previous = 1;
        for (int v = 0; v <= 101; v++) {
            int score = quintiles.score(v);
            assertThat(score).isBetween(previous, 5);
            previous = score;
        }
    }

    @Test
    void aQuantileIsTheValueRankedAtThatShare() {
        Quintiles quintiles =
                new Quintiles(IntStream.rangeClosed(1, 20).asDoubleStream().toArray());
        assertThat(quintiles.quantile(0.5)).isEqualTo(11);
        assertThat(quintiles.quantile(0.8)).isEqualTo(17);
        assertThat(quintiles.quantile(0.95)).isEqualTo(20);
    }
}
