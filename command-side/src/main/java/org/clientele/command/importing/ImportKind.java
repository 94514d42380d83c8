package org.clientele.command.importing;

/** What a file holds: contacts, or purchase lines (one order per reference, returns included). */
public enum ImportKind {
    CONTACTS,
    PURCHASES
}
