package org.clientele.command.customer;

import org.clientele.events.purchase.PurchaseLine;

/** What makes a purchase acceptable beyond the shape of its values. */
final class PurchasePolicy {

    private PurchasePolicy() {}

    static void check(RecordPurchase command) {
        checkLines(command.lines(), command.amount());
    }

    /** Every line is priced in the currency of the whole. */
    static void checkLines(java.util.List<PurchaseLine> lines, org.clientele.events.purchase.Money total) {
        for (PurchaseLine line : lines) {
            if (!line.unitPrice().currency().equals(total.currency())) {
                throw new CustomerRejected(
                        Rejection.CURRENCY_MISMATCH,
                        "line " + line.sku().value() + " is priced in "
                                + line.unitPrice().currency() + " but the whole is in " + total.currency());
            }
        }
    }
}
