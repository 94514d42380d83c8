package org.clientele.events.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class PurchaseLineTest {

    private static final Sku MUG = Sku.of("MUG-1");

    @Test
    void totalsUnitPriceTimesQuantity() {
        assertThat(new PurchaseLine(MUG, 3, Money.of("4.50", "EUR")).total()).isEqualTo(Money.of("13.50", "EUR"));
    }

    @Test
    void refusesAQuantityOfZeroOrLess() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PurchaseLine(MUG, 0, Money.of("4.50", "EUR")))
                .withMessageContaining("quantity");
        assertThatIllegalArgumentException().isThrownBy(() -> new PurchaseLine(MUG, -1, Money.of("4.50", "EUR")));
    }

    @Test
    void refusesANegativeUnitPrice() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PurchaseLine(MUG, 1, Money.of("-0.01", "EUR")));
    }

    @Test
    void acceptsAFreeItem() {
        assertThat(new PurchaseLine(MUG, 1, Money.of("0", "EUR")).total()).isEqualTo(Money.of("0", "EUR"));
    }

    @Test
    void requiresASkuAndAPrice() {
        assertThatNullPointerException().isThrownBy(() -> new PurchaseLine(null, 1, Money.of("1", "EUR")));
        assertThatNullPointerException().isThrownBy(() -> new PurchaseLine(MUG, 1, (UnitPrice) null));
    }

    @Test
    void skuIsStrippedAndBoundedInLength() {
        assertThat(Sku.of(" MUG-1 ")).isEqualTo(MUG);
        assertThatIllegalArgumentException().isThrownBy(() -> Sku.of(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> Sku.of("x".repeat(65)));
    }

    @Test
    void keepsAUnitPriceFinerThanTheCurrencyAndRoundsTheLineTotal() {
        PurchaseLine line = new PurchaseLine(
                MUG, 3, new UnitPrice(new java.math.BigDecimal("0.001"), java.util.Currency.getInstance("GBP")));

        assertThat(line.unitPrice().amount()).isEqualByComparingTo("0.001");
        assertThat(line.total()).isEqualTo(Money.of("0.00", "GBP"));
        assertThat(new PurchaseLine(
                                MUG,
                                7,
                                new UnitPrice(new java.math.BigDecimal("0.125"), java.util.Currency.getInstance("GBP")))
                        .total())
                .isEqualTo(Money.of("0.88", "GBP"));
    }
}
