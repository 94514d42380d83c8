package org.clientele.events.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"+33 1 23 45 67 89", "(020) 7946-0958", "01.23.45.67.89", "1234"})
    void acceptsDigitsWithTheUsualSeparators(String text) {
        assertThat(PhoneNumber.of(text).value()).isEqualTo(text);
    }

    @Test
    void isStrippedButOtherwiseKeptAsGiven() {
        assertThat(PhoneNumber.of("  +33 1 23 45 67 89 ").value()).isEqualTo("+33 1 23 45 67 89");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "123",
                "+1 2-3",
                "----",
                "call me",
                "+33 1 23 45 67 89 ext. 12",
                "33+1234",
                "1234567890123456789012345678901"
            })
    void refusesWhatIsNotAPhoneNumber(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PhoneNumber.of(text))
                .withMessageContaining("not a phone number");
    }

    @Test
    void isRequired() {
        assertThatNullPointerException().isThrownBy(() -> PhoneNumber.of(null));
    }
}
