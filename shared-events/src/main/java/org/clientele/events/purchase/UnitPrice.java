package org.clientele.events.purchase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * The price of one unit. Unlike {@link Money}, it may be finer than the currency's smallest coin (wholesale prices
 * such as 0.001 GBP exist); a line's total is rounded to the currency, half to even.
 */
public record UnitPrice(BigDecimal amount, Currency currency) {

    private static final int MAX_DECIMALS = 6;

    public UnitPrice {
        Objects.requireNonNull(amount, "unit price is required");
        Objects.requireNonNull(currency, "currency is required");
        amount = DecimalBounds.check(amount, "unit price");
        if (amount.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new IllegalArgumentException(
                    "unit price " + amount.toPlainString() + " has more than " + MAX_DECIMALS + " decimals");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("unit price must not be negative");
        }
        amount = amount.setScale(
                Math.max(
                        currency.getDefaultFractionDigits(),
                        amount.stripTrailingZeros().scale()),
                RoundingMode.UNNECESSARY);
    }

    public static UnitPrice of(Money money) {
        return new UnitPrice(money.amount(), money.currency());
    }

    public Money times(long quantity) {
        return new Money(
                amount.multiply(BigDecimal.valueOf(quantity))
                        .setScale(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_EVEN),
                currency);
    }
}
