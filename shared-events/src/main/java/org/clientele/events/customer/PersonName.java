package org.clientele.events.customer;

import java.util.regex.Pattern;

/**
 * A person's given and family names, with runs of whitespace collapsed. A part written all in capitals or all in
 * lower case is put in title case ("JEAN-LUC" becomes "Jean-Luc"); mixed case is kept as given, since "McDonald" or
 * "van der Berg" know their own capitals. Either part may be absent.
 */
public record PersonName(String firstName, String lastName) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final int MAX_LENGTH = 100;

    public PersonName {
        firstName = tidy(firstName, "firstName");
        lastName = tidy(lastName, "lastName");
        if (firstName == null && lastName == null) {
            throw new IllegalArgumentException("a name needs a first name or a last name");
        }
    }

    public static PersonName of(String firstName, String lastName) {
        return new PersonName(firstName, lastName);
    }

    private static String tidy(String part, String field) {
        if (part == null) {
            return null;
        }
        String tidied = titleCaseIfUniform(WHITESPACE.matcher(part.strip()).replaceAll(" "));
        if (tidied.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_LENGTH + " characters");
        }
        return tidied.isEmpty() ? null : tidied;
    }

    private static String titleCaseIfUniform(String text) {
        boolean uniform = text.equals(text.toUpperCase(java.util.Locale.ROOT))
                || text.equals(text.toLowerCase(java.util.Locale.ROOT));
        if (!uniform) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        boolean startOfWord = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            result.append(startOfWord ? Character.toTitleCase(c) : Character.toLowerCase(c));
            startOfWord = c == ' ' || c == '-' || c == '\'';
        }
        return result.toString();
    }
}
