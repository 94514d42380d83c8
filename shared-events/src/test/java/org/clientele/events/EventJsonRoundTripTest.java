package org.clientele.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Stream;
import org.clientele.events.customer.CustomerChurned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Events must survive the event store: written and read back with the mapper Axon's serializer uses. */
class EventJsonRoundTripTest {

    // Mirrors EventStoreConfiguration.axonObjectMapper() in the platform module, which shared-events cannot see.
    private static final ObjectMapper AXON_MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Stream<Object> events() {
        return Stream.concat(SampleEvents.complete().stream(), SampleEvents.sparse().stream());
    }

    @ParameterizedTest
    @MethodSource("events")
    void readsBackEqualToWhatWasWritten(Object event) throws Exception {
        String json = AXON_MAPPER.writeValueAsString(event);

        assertThat(AXON_MAPPER.readValue(json, event.getClass())).isEqualTo(event);
    }

    @Test
    void writesInstantsAsIsoTextWithTheirFullPrecision() throws Exception {
        JsonNode json =
                AXON_MAPPER.valueToTree(new CustomerChurned(SampleEvents.CUSTOMER, null, null, SampleEvents.AT));

        assertThat(json.get("churnedAt").asText()).isEqualTo("2024-03-01T09:30:15.123456Z");
    }

    @Test
    void readsAnEventWrittenWithAFieldItNoLongerHas() throws Exception {
        String json = """
                {"customerId":{"value":"0b6e5c2a-4f1e-4d0e-9a51-3c2e8d7f6a10"},"reason":"PRICE","detail":null,
                 "churnedAt":"2024-03-01T09:30:15.123456Z","retired":"field of an older revision"}
                """;

        assertThat(AXON_MAPPER.readValue(json, CustomerChurned.class))
                .isEqualTo(new CustomerChurned(
                        SampleEvents.CUSTOMER, org.clientele.events.customer.ChurnReason.PRICE, null, SampleEvents.AT));
    }

    @Test
    void storesMoneyAsItsAmountAndCurrencyOnly() throws Exception {
        String json = AXON_MAPPER.writeValueAsString(org.clientele.events.purchase.Money.of("19.90", "EUR"));

        assertThat(json).isEqualTo("{\"amount\":19.90,\"currency\":\"EUR\"}");
    }
}
