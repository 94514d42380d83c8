package org.clientele.command.customer;

import org.clientele.events.purchase.PurchaseLine;

/** What makes a purchase acceptable beyond the shape of its values. */
final class PurchasePolicy {

    private PurchasePolicy() {
    }

    static void check(RecordPurchase command) {
        for (PurchaseLine line : command.lines()) {
            if (!line.unitPrice().currency().equals(command.amount().currency())) {
                throw new CustomerRejected(Rejection.CURRENCY_MISMATCH, "line " + line.sku().value() + " is priced in "
                        + line.unitPrice().currency() + " but the purchase is in " + command.amount().currency());
            }
        }
    }
}
