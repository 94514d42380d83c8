package org.clientele.events.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlCharactersTest {

    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\u009f'})
    void namesAControlCharacterAndItsPosition(char control) {
        assertThat(ControlCharacters.problem("Ab" + control + "c"))
                .hasValue(String.format("contains the control character U+%04X at position 3", (int) control));
    }

    @Test
    void refusesAnUnpairedSurrogate() {
        assertThat(ControlCharacters.problem("x\ud800")).hasValue("contains an unpaired surrogate at position 2");
        assertThat(ControlCharacters.problem("\udc00x")).hasValue("contains an unpaired surrogate at position 1");
    }

    @Test
    void acceptsOrdinaryTextWhitespaceAccentsAndEmoji() {
        assertThat(ControlCharacters.problem("Jérôme\tÉloi\r\n😀 – ok")).isEmpty();
        assertThat(ControlCharacters.problem(null)).isEmpty();
    }
}
