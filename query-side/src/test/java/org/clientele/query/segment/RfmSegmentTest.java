package org.clientele.query.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RFM rule table: every one of the 125 score combinations names exactly one segment, and every segment is used. */
class RfmSegmentTest {

    @Test
    void everyScoreCombinationHasExactlyOneSegmentAndEverySegmentIsReached() {
        Map<RfmSegment, Integer> combinations = new EnumMap<>(RfmSegment.class);
        int walked = 0;
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    RfmSegment segment = RfmSegment.of(r, f, m);
                    assertThat(segment).as("R%d F%d M%d", r, f, m).isNotNull();
                    assertThat(RfmSegment.of(r, f, m))
                            .as("the same answer twice")
                            .isSameAs(segment);
                    combinations.merge(segment, 1, Integer::sum);
                    walked++;
                }
            }
        }
        assertThat(walked).isEqualTo(125);
        assertThat(combinations.keySet()).containsExactlyInAnyOrder(RfmSegment.values());
        assertThat(combinations.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(125);
    }

    @Test
    void theCornersAreWhereTheNamesSayTheyAre() {
        assertThat(RfmSegment.of(5, 5, 5)).isEqualTo(RfmSegment.CHAMPIONS);
        assertThat(RfmSegment.of(1, 1, 1)).isEqualTo(RfmSegment.LOST);
        assertThat(RfmSegment.of(5, 1, 1)).isEqualTo(RfmSegment.NEW);
        assertThat(RfmSegment.of(1, 5, 5)).isEqualTo(RfmSegment.CANT_LOSE_THEM);
        assertThat(RfmSegment.of(4, 1, 1)).isEqualTo(RfmSegment.PROMISING);
        assertThat(RfmSegment.of(3, 2, 3)).isEqualTo(RfmSegment.NEED_ATTENTION);
        assertThat(RfmSegment.of(2, 3, 4)).isEqualTo(RfmSegment.AT_RISK);
        assertThat(RfmSegment.of(3, 5, 4)).isEqualTo(RfmSegment.LOYAL);
        assertThat(RfmSegment.of(5, 2, 3)).isEqualTo(RfmSegment.POTENTIAL_LOYALIST);
        assertThat(RfmSegment.of(2, 1, 1)).isEqualTo(RfmSegment.HIBERNATING);
        assertThat(RfmSegment.of(3, 1, 1)).isEqualTo(RfmSegment.ABOUT_TO_SLEEP);
    }

    @Test
    void frequencyAndMonetaryWeighTheSame() {
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    assertThat(RfmSegment.of(r, f, m)).isEqualTo(RfmSegment.of(r, m, f));
                }
            }
        }
    }

    @Test
    void aScoreOutsideOneToFiveIsRefused() {
        assertThatThrownBy(() -> RfmSegment.of(0, 3, 3)).hasMessageContaining("recency");
        assertThatThrownBy(() -> RfmSegment.of(3, 6, 3)).hasMessageContaining("frequency");
    }
}
