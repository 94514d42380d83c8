package org.clientele.events.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Purposes and sources are named by the same kind of short lower-case code. */
class ConsentSlugTest {

    @Test
    void purposeIsStrippedAndLowerCased() {
        assertThat(ConsentPurpose.of("  Marketing ")).isEqualTo(ConsentPurpose.MARKETING);
    }

    @Test
    void sourceIsStrippedAndLowerCased() {
        assertThat(ConsentSource.of(" Web_Form").value()).isEqualTo("web_form");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "web_form", "unsubscribe-link", "partner2"})
    void acceptsLettersDigitsUnderscoresAndHyphens(String code) {
        assertThat(ConsentPurpose.of(code).value()).isEqualTo(code);
        assertThat(ConsentSource.of(code).value()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "  ", "2fa", "_marketing", "-marketing", "web form", "web.form", "marketing!", "caf\u00e9"})
    void refusesAnythingElse(String code) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsentPurpose.of(code))
                .withMessageStartingWith("purpose must be a code");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsentSource.of(code))
                .withMessageStartingWith("source must be a code");
    }

    @Test
    void allowsAtMostFortyCharacters() {
        assertThat(ConsentPurpose.of("a".repeat(40)).value()).hasSize(40);
        assertThatIllegalArgumentException().isThrownBy(() -> ConsentPurpose.of("a".repeat(41)));
        assertThatIllegalArgumentException().isThrownBy(() -> ConsentSource.of("a".repeat(41)));
    }

    @Test
    void isRequired() {
        assertThatNullPointerException().isThrownBy(() -> ConsentPurpose.of(null));
        assertThatNullPointerException().isThrownBy(() -> ConsentSource.of(null));
    }
}
