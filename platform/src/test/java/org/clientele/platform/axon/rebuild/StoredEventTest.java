package org.clientele.platform.axon.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class StoredEventTest {

    @Test
    void readsEveryStoredTimestampAsAxonDoes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-2_208_988_800_000L, 32_503_680_000_000L));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredEvent.parseTimestamp(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @Test
    void leavesOtherFormsToAxonsParser() {
        assertThat(StoredEvent.parseTimestamp("2026-12-08T00:41:05.123+01:00"))
                .isEqualTo(Instant.parse("2026-12-07T23:41:05.123Z"));
    }
}
