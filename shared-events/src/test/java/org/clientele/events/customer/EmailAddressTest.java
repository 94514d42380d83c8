package org.clientele.events.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void isTrimmedAndLowerCased() {
        assertThat(EmailAddress.of("  Ada.Lovelace@Example.ORG ").value()).isEqualTo("ada.lovelace@example.org");
    }

    @Test
    void addressesDifferingOnlyInCaseAreEqual() {
        assertThat(EmailAddress.of("ADA@example.org")).isEqualTo(EmailAddress.of("ada@EXAMPLE.org"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ada",
                "ada@",
                "@example.org",
                "ada@example",
                "ada@@example.org",
                "ada lovelace@example.org",
                "ada@example..org",
                "ada@.example.org",
                "ada@example.org."
            })
    void refusesBadSyntax(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EmailAddress.of(text))
                .withMessageContaining("not a valid email address");
    }

    @Test
    void allowsAtMostSixtyFourCharactersBeforeTheAt() {
        assertThat(EmailAddress.of("a".repeat(64) + "@example.org").value()).startsWith("a".repeat(64));
        assertThatIllegalArgumentException().isThrownBy(() -> EmailAddress.of("a".repeat(65) + "@example.org"));
    }

    @Test
    void allowsAtMostTwoHundredFiftyFourCharacters() {
        String domain = ("d".repeat(61) + ".").repeat(3) + "org"; // 189 characters
        String fits = "a".repeat(64) + "@" + domain;
        String tooLong = fits.replace("@", "@d");

        assertThat(EmailAddress.of(fits).value()).hasSize(254);
        assertThatIllegalArgumentException().isThrownBy(() -> EmailAddress.of(tooLong));
    }

    @Test
    void isRequired() {
        assertThatNullPointerException().isThrownBy(() -> EmailAddress.of(null));
    }
}
