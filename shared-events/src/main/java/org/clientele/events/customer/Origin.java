package org.clientele.events.customer;

import java.util.Objects;

/**
 * Where a contact came from: the source system or file, the acquisition channel, and the campaign if any.
 */
public record Origin(String source, String channel, String campaign) {

    public Origin {
        Objects.requireNonNull(source, "origin source is required");
        source = source.strip();
        if (source.isEmpty() || source.length() > 200) {
            throw new IllegalArgumentException("origin source must have 1 to 200 characters");
        }
        channel = blankToNull(channel);
        campaign = blankToNull(campaign);
    }

    public static Origin of(String source) {
        return new Origin(source, null, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
