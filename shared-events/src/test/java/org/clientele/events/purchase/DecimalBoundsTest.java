package org.clientele.events.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalBoundsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1e1000", "1e999999999", "-1e999999999", "1000000000000000", "1e100000000"})
    void refusesMoreThanFifteenIntegerDigitsWithoutPrintingTheValue(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DecimalBounds.check(new BigDecimal(text), "amount"))
                .withMessage("amount is too large: at most 15 digits before the decimal point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-999999999", "0.0000000000001", "-1e-13"})
    void refusesMoreThanTwelveDecimals(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DecimalBounds.check(new BigDecimal(text), "amount"))
                .withMessage("amount has more than 12 decimals");
    }

    @Test
    void keepsOrdinaryNumbersAndDropsZerosPastTheScale() {
        assertThat(DecimalBounds.check(new BigDecimal("59.80"), "amount")).isEqualByComparingTo("59.80");
        assertThat(DecimalBounds.check(new BigDecimal("999999999999999.5"), "amount"))
                .isEqualByComparingTo("999999999999999.5");
        assertThat(DecimalBounds.check(new BigDecimal("1.50000000000000000000"), "amount"))
                .isEqualByComparingTo("1.5");
        assertThat(DecimalBounds.check(new BigDecimal("0E-999999999"), "amount"))
                .isEqualTo(BigDecimal.ZERO);
        assertThat(DecimalBounds.check(new BigDecimal("1E+5"), "amount")).isEqualByComparingTo("100000");
    }

    @Test
    void moneyRefusesAHugeExponentBeforeAnyArithmetic() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.of("1e-999999999", "EUR"))
                .withMessageContaining("more than 12 decimals");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UnitPrice(new BigDecimal("1e999999999"), java.util.Currency.getInstance("EUR")))
                .withMessageContaining("too large");
    }
}
