package org.clientele.events.customer;

import java.util.regex.Pattern;

/** A person's given and family names, with runs of whitespace collapsed. Either part may be absent. */
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
        String tidied = WHITESPACE.matcher(part.strip()).replaceAll(" ");
        if (tidied.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_LENGTH + " characters");
        }
        return tidied.isEmpty() ? null : tidied;
    }
}
