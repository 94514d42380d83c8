package org.clientele.events.privacy;

/** What a {@link PersonalData} text reads as once its customer was erased. */
public final class Erased {

    /** The explicit marker of an erased text, distinct from "absent" (null). */
    public static final String TEXT = "[erased]";

    private Erased() {}

    public static boolean isErased(String text) {
        return TEXT.equals(text);
    }

    /** The text as given, or null when it was erased: for code that must not index or match the marker. */
    public static String orNull(String text) {
        return isErased(text) ? null : text;
    }
}
