package org.clientele.events.text;

import java.util.Optional;

/**
 * Text that the event store and the views cannot hold, or that no person types: PostgreSQL refuses U+0000 in any
 * text column (one such value in an event would stop a projection for every customer), and the other control
 * characters and lone surrogates only come from broken encodings or attacks. Tab, line feed and carriage return are
 * ordinary text.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** The reason the text cannot be recorded, or empty when it can. */
    public static Optional<String> problem(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                return Optional.of(
                        String.format("contains the control character U+%04X at position %d", (int) c, i + 1));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate at position " + (i + 1));
            }
        }
        return Optional.empty();
    }

    /** The text with each character {@link #problem} would refuse replaced by U+FFFD, for messages and logs. */
    public static String replaced(String text) {
        if (text == null || problem(text).isEmpty()) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else {
                clean.append(isControl(c) || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return clean.toString();
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }
}
