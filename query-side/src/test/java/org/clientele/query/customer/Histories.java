package org.clientele.query.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Customer histories for the lifecycle rules, written as the days things happened (at midnight UTC). */
final class Histories {

    private Histories() {}

    static Builder prospect() {
        return new Builder();
    }

    /** One purchase of 10.00 EUR on each of the given days. */
    static Builder purchasesAt(String... days) {
        Builder history = new Builder();
        for (String day : days) {
            history.purchase(day, "10.00", "EUR");
        }
        return history;
    }

    static Instant day(String isoDate) {
        return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static final class Builder {

        private final List<PurchaseFact> purchases = new ArrayList<>();
        private Instant churnedAt;

        Builder purchase(String day, String amount, String currency) {
            purchases.add(new PurchaseFact(
                    "O-" + (purchases.size() + 1), day(day), new BigDecimal(amount), Currency.getInstance(currency)));
            return this;
        }

        Builder churnedOn(String day) {
            churnedAt = day(day);
            return this;
        }

        CustomerHistory build() {
            return new CustomerHistory(purchases, churnedAt);
        }
    }
}
