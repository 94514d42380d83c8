package org.clientele.events.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CustomerIdTest {

    private static final String TEXT = "0b6e5c2a-4f1e-4d0e-9a51-3c2e8d7f6a10";

    @Test
    void parsesTheTextualFormOfAUuid() {
        assertThat(CustomerId.parse(TEXT)).isEqualTo(new CustomerId(UUID.fromString(TEXT)));
    }

    @Test
    void parsingIgnoresSurroundingWhitespace() {
        assertThat(CustomerId.parse(" " + TEXT + "\n")).isEqualTo(CustomerId.parse(TEXT));
    }

    @Test
    void printsAsTheBareUuidSoThatParsingRoundTrips() {
        CustomerId id = CustomerId.newId();

        assertThat(id).hasToString(id.value().toString());
        assertThat(CustomerId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void refusesTextThatIsNotAUuid() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CustomerId.parse("customer-42"))
                .withMessage("customer id must be a UUID, got 'customer-42'");
        assertThatIllegalArgumentException().isThrownBy(() -> CustomerId.parse(""));
    }

    @Test
    void isRequired() {
        assertThatNullPointerException().isThrownBy(() -> CustomerId.parse(null));
        assertThatNullPointerException().isThrownBy(() -> new CustomerId(null));
    }

    @Test
    void newIdsAreDistinct() {
        assertThat(CustomerId.newId()).isNotEqualTo(CustomerId.newId());
    }
}
