package org.clientele.events.campaign;

import java.math.BigDecimal;

/**
 * One arm of a test-and-learn campaign: its code ("A", "B"), what differs (the offer, the message or subject) and
 * its share of the contacted audience (the variants' shares add up to 1).
 */
public record Variant(String code, String offer, String messageReference, BigDecimal share) {}
