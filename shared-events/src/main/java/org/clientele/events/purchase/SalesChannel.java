package org.clientele.events.purchase;

/** Where a purchase was made. */
public enum SalesChannel {
    WEB,
    SHOP,
    PHONE,
    MAIL_ORDER,
    MARKETPLACE,
    OTHER
}
