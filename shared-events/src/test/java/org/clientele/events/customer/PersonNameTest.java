package org.clientele.events.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PersonNameTest {

    @Test
    void collapsesRunsOfWhitespace() {
        PersonName name = PersonName.of("  Jean \t Luc ", " de\n la  Fontaine ");

        assertThat(name.firstName()).isEqualTo("Jean Luc");
        assertThat(name.lastName()).isEqualTo("de la Fontaine");
    }

    @Test
    void eitherPartMayBeAbsent() {
        assertThat(PersonName.of("Ada", null).lastName()).isNull();
        assertThat(PersonName.of(null, "Lovelace").firstName()).isNull();
    }

    @Test
    void treatsABlankPartAsAbsent() {
        assertThat(PersonName.of("Ada", "   ").lastName()).isNull();
    }

    @Test
    void refusesANameWithNeitherPart() {
        assertThatIllegalArgumentException().isThrownBy(() -> PersonName.of(null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> PersonName.of(" ", "\t"));
    }

    @Test
    void allowsAtMostOneHundredCharactersPerPart() {
        assertThat(PersonName.of("a".repeat(100), null).firstName()).hasSize(100);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PersonName.of("a".repeat(101), null))
                .withMessageContaining("firstName");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PersonName.of(null, "a".repeat(101)))
                .withMessageContaining("lastName");
    }
}
