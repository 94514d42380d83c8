package org.clientele.events.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void holdsTheAmountAtTheCurrencysOwnScale() {
        assertThat(Money.of("12.5", "EUR").amount()).isEqualTo(new BigDecimal("12.50"));
        assertThat(Money.of("12", "EUR").amount()).isEqualTo(new BigDecimal("12.00"));
        assertThat(Money.of("1500", "JPY").amount()).isEqualTo(new BigDecimal("1500"));
        assertThat(Money.of("1.250", "KWD").amount()).isEqualTo(new BigDecimal("1.250"));
    }

    @Test
    void amountsWrittenWithDifferentScalesAreEqual() {
        assertThat(Money.of("12.5", "EUR")).isEqualTo(Money.of("12.500", "EUR"));
    }

    @Test
    void acceptsTrailingZerosBeyondTheCurrencysDecimals() {
        assertThat(Money.of("1500.00", "JPY").amount()).isEqualTo(new BigDecimal("1500"));
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.of("12.345", "EUR"))
                .withMessageContaining("more than 2 decimals");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.of("1500.5", "JPY"))
                .withMessageContaining("more than 0 decimals");
    }

    @Test
    void requiresAnAmountAndACurrency() {
        assertThatNullPointerException().isThrownBy(() -> new Money(null, Currency.getInstance("EUR")));
        assertThatNullPointerException().isThrownBy(() -> new Money(BigDecimal.ONE, null));
    }

    @Test
    void addsAmountsInTheSameCurrency() {
        assertThat(Money.of("12.50", "EUR").plus(Money.of("0.75", "EUR"))).isEqualTo(Money.of("13.25", "EUR"));
    }

    @Test
    void refusesToAddAnotherCurrency() {
        Money euros = Money.of("12.50", "EUR");
        Money dollars = Money.of("1.00", "USD");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> euros.plus(dollars))
                .withMessageContaining("USD")
                .withMessageContaining("EUR");
    }

    @Test
    void multipliesByAQuantity() {
        assertThat(Money.of("2.99", "EUR").times(3)).isEqualTo(Money.of("8.97", "EUR"));
        assertThat(Money.of("2.99", "EUR").times(0)).isEqualTo(Money.zero(Currency.getInstance("EUR")));
    }

    @Test
    void zeroIsHeldAtTheCurrencysScale() {
        assertThat(Money.zero(Currency.getInstance("EUR")).amount()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void knowsWhetherItIsNegative() {
        assertThat(Money.of("-0.01", "EUR").belowZero()).isTrue();
        assertThat(Money.of("0", "EUR").belowZero()).isFalse();
    }

    @Test
    void printsAsPlainAmountAndCurrencyCode() {
        assertThat(Money.of("1E+3", "EUR")).hasToString("1000.00 EUR");
    }
}
