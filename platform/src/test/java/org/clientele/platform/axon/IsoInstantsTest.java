package org.clientele.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    private static final ObjectMapper STANDARD = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final ObjectMapper QUICK = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstants.Deserializer()));

    @Test
    void readsEveryInstantAsWrittenLikeInstantParse() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-2_208_988_800L, 32_503_680_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String text = instant.toString();
            assertThat(IsoInstants.parseStrict(text)).as(text).isEqualTo(instant);
        }
        assertThat(IsoInstants.parseStrict("2024-02-29T23:59:59.5Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
    }

    @Test
    void leavesEveryOtherFormToTheStandardParser() {
        for (String other : List.of(
                "2026-12-07T23:41Z",
                "2026-12-07T23:41:05.1234567890Z",
                "2026-12-07T23:41:05.Z",
                "2026-12-07T23:41:05+01:00",
                "2026-12-07 23:41:05Z",
                "+12026-12-07T23:41:05Z",
                "2023-02-29T10:00:00Z",
                "2026-13-07T10:00:00Z",
                "2026-12-07T24:00:00Z",
                "2026-12-07T23:60:00Z",
                "2026-12-07T23:41:60Z",
                "2026-12-0xT23:41:05Z")) {
            assertThat(IsoInstants.parseStrict(other)).as(other).isNull();
        }
    }

    @Test
    void theEventMappersReaderAnswersAsJacksonsOwn() throws Exception {
        for (String json : List.of(
                "\"2026-12-07T23:41:05.123456Z\"",
                "\"2026-12-07T23:41:05Z\"",
                "\"2026-12-07T23:41:05+01:00\"",
                "\"1970-01-01T00:00:00.000000001Z\"",
                "1765150865",
                "1765150865.123456789")) {
            assertThat(QUICK.readValue(json, Instant.class))
                    .as(json)
                    .isEqualTo(STANDARD.readValue(json, Instant.class));
        }
    }
}
