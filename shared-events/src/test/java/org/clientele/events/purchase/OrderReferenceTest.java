package org.clientele.events.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class OrderReferenceTest {

    @Test
    void stripsSurroundingWhitespaceSoARetryMatchesTheOriginal() {
        assertThat(OrderReference.of("  A-1 ")).isEqualTo(OrderReference.of("A-1"));
    }

    @Test
    void keepsTheCaseAsGiven() {
        assertThat(OrderReference.of("a-1")).isNotEqualTo(OrderReference.of("A-1"));
    }

    @Test
    void refusesABlankReference() {
        assertThatIllegalArgumentException().isThrownBy(() -> OrderReference.of("   "));
        assertThatNullPointerException().isThrownBy(() -> OrderReference.of(null));
    }

    @Test
    void allowsAtMostOneHundredCharacters() {
        assertThat(OrderReference.of("x".repeat(100)).value()).hasSize(100);
        assertThatIllegalArgumentException().isThrownBy(() -> OrderReference.of("x".repeat(101)));
    }
}
