package org.clientele.command.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.EmailAddress;
import org.clientele.events.customer.InvalidValue;
import org.clientele.events.customer.PersonName;
import org.clientele.events.customer.PhoneNumber;
import org.clientele.events.customer.PostalAddress;

/**
 * Normalises contact details once, on the write side, before any event is emitted: emails trimmed, lower-cased and
 * syntax-checked; phones to E.164 with libphonenumber and a default country; names' whitespace and case; postal
 * codes; countries from ISO codes or English or French names. A value that cannot be normalised is kept in the
 * contact's {@code invalid} list with the reason, never silently dropped. The HTTP API refuses such values; an import
 * records them flagged.
 */
public final class ContactNormaliser {

    /** The raw text of a contact, as a form or a file gives it. */
    public record RawContact(
            String firstName,
            String lastName,
            String email,
            String phone,
            String street,
            String postalCode,
            String city,
            String country) {}

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^A-Z]");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Map<String, String> COUNTRIES = countryNames();

    private final String defaultRegion;

    /** @param defaultRegion the ISO 3166-1 alpha-2 country of phone numbers written without a country code */
    public ContactNormaliser(String defaultRegion) {
        String region = defaultRegion == null ? "" : defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException(
                    "default country must be an ISO 3166-1 alpha-2 code, got " + defaultRegion);
        }
        this.defaultRegion = region;
    }

    public ContactDetails normalise(RawContact raw) {
        List<InvalidValue> invalid = new ArrayList<>();
        PersonName name = name(raw, invalid);
        EmailAddress email = email(raw.email(), invalid);
        PhoneNumber phone = phone(raw.phone(), invalid);
        PostalAddress address = address(raw, invalid);
        return new ContactDetails(name, email, phone, address, invalid);
    }

    /** The ISO code of a country written as a code or as an English or French name, or null when unknown. */
    public static String countryCode(String text) {
        return text == null ? null : COUNTRIES.get(key(text));
    }

    private static PersonName name(RawContact raw, List<InvalidValue> invalid) {
        if (isBlank(raw.firstName()) && isBlank(raw.lastName())) {
            return null;
        }
        try {
            return new PersonName(raw.firstName(), raw.lastName());
        } catch (IllegalArgumentException e) {
            invalid.add(new InvalidValue("name", (raw.firstName() + " " + raw.lastName()).strip(), e.getMessage()));
            return null;
        }
    }

    private static EmailAddress email(String text, List<InvalidValue> invalid) {
        if (isBlank(text)) {
            return null;
        }
        try {
            return EmailAddress.of(text);
        } catch (IllegalArgumentException e) {
            invalid.add(new InvalidValue("email", text.strip(), e.getMessage()));
            return null;
        }
    }

    private PhoneNumber phone(String text, List<InvalidValue> invalid) {
        if (isBlank(text)) {
            return null;
        }
        try {
            var parsed = PHONES.parse(text, defaultRegion);
            if (PHONES.isValidNumber(parsed)) {
                return PhoneNumber.of(PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
            }
            invalid.add(new InvalidValue(
                    "phone",
                    text.strip(),
                    "'" + text.strip() + "' is not a valid phone number"
                            + " (numbers without a country code are read as " + defaultRegion + ")"));
        } catch (NumberParseException e) {
            invalid.add(new InvalidValue("phone", text.strip(), "'" + text.strip() + "' is not a phone number"));
        }
        return null;
    }

    private static PostalAddress address(RawContact raw, List<InvalidValue> invalid) {
        if (isBlank(raw.street()) && isBlank(raw.postalCode()) && isBlank(raw.city()) && isBlank(raw.country())) {
            return null;
        }
        String country = null;
        if (!isBlank(raw.country())) {
            country = countryCode(raw.country());
            if (country == null) {
                invalid.add(new InvalidValue(
                        "country", raw.country().strip(), "'" + raw.country().strip() + "' is not a known country"));
            }
        }
        if (isBlank(raw.street()) && isBlank(raw.postalCode()) && isBlank(raw.city()) && country == null) {
            return null;
        }
        return new PostalAddress(raw.street(), raw.postalCode(), raw.city(), country);
    }

    private static Map<String, String> countryNames() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale locale = new Locale("", code);
            names.put(key(code), code);
            names.put(key(locale.getDisplayCountry(Locale.ENGLISH)), code);
            names.put(key(locale.getDisplayCountry(Locale.FRENCH)), code);
        }
        // usual names that the locales spell otherwise
        Map.of(
                        "UK",
                        "GB",
                        "GREAT BRITAIN",
                        "GB",
                        "ENGLAND",
                        "GB",
                        "SCOTLAND",
                        "GB",
                        "WALES",
                        "GB",
                        "EIRE",
                        "IE",
                        "USA",
                        "US",
                        "RSA",
                        "ZA",
                        "CZECH REPUBLIC",
                        "CZ")
                .forEach((name, code) -> names.put(key(name), code));
        return Map.copyOf(names);
    }

    private static String key(String text) {
        String stripped = MARKS.matcher(Normalizer.normalize(text.strip(), Normalizer.Form.NFD))
                .replaceAll("");
        return NOT_LETTERS.matcher(stripped.toUpperCase(Locale.ROOT)).replaceAll("");
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
