package org.clientele.events.customer;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** A postal address, possibly partial (a country alone still segments). The country is an ISO 3166-1 alpha-2 code. */
public record PostalAddress(String street, String postalCode, String city, String country) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public PostalAddress {
        street = tidy(street);
        postalCode = postalCode == null ? null : tidy(postalCode.toUpperCase(Locale.ROOT));
        city = tidy(city);
        country = country == null ? null : country.strip().toUpperCase(Locale.ROOT);
        if (country != null && !COUNTRIES.contains(country)) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code, got '" + country + "'");
        }
        if (street == null && postalCode == null && city == null && country == null) {
            throw new IllegalArgumentException("an address needs a street, a postal code, a city or a country");
        }
    }

    private static String tidy(String text) {
        if (text == null) {
            return null;
        }
        String tidied = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        return tidied.isEmpty() ? null : tidied;
    }
}
