package org.clientele.command.importing;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.clientele.events.purchase.SalesChannel;

/**
 * How to read one file: which of its columns holds which field, and the file's conventions. Nothing is tied to one
 * file's layout. See docs/importing.md for the fields and the defaults.
 *
 * @param columns          field name to the header of the column that holds it
 * @param source           the source system; with the external reference it identifies a contact
 * @param separator        the column separator (default ',')
 * @param dateFormat       a java.time pattern for dates (default ISO-8601)
 * @param timeZone         the zone of dates without one (default UTC)
 * @param decimalSeparator '.' or ',' (default '.')
 * @param defaultCountry   the country of phone numbers without a country code (default the application's)
 * @param currency         the currency of amounts when no column gives one (required for purchases)
 * @param returnPrefix     an order reference starting with it is a return or credit note (optional)
 * @param channel          the sales channel when no column gives one (default OTHER)
 * @param encoding         the file's character set when it has no byte-order mark (default UTF-8, read strictly:
 *                         a Latin-1 file is refused rather than read with its accents lost)
 */
public record ImportMapping(
        Map<String, String> columns,
        String source,
        Character separator,
        String dateFormat,
        String timeZone,
        Character decimalSeparator,
        String defaultCountry,
        String currency,
        String returnPrefix,
        SalesChannel channel,
        String encoding) {

    static final Set<String> CONTACT_FIELDS = Set.of(
            "externalReference",
            "firstName",
            "lastName",
            "email",
            "phone",
            "street",
            "postalCode",
            "city",
            "country",
            "registeredAt");
    static final Set<String> PURCHASE_FIELDS = Set.of(
            "orderReference",
            "purchasedAt",
            "sku",
            "quantity",
            "unitPrice",
            "externalReference",
            "email",
            "country",
            "currency",
            "channel");
    static final List<String> PURCHASE_REQUIRED =
            List.of("orderReference", "purchasedAt", "sku", "quantity", "unitPrice", "externalReference");

    public ImportMapping {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        separator = separator == null ? ',' : separator;
        decimalSeparator = decimalSeparator == null ? '.' : decimalSeparator;
        channel = channel == null ? SalesChannel.OTHER : channel;
        source = source == null || source.isBlank() ? "import" : source.strip();
    }

    /** Every problem with this mapping for the given kind of file; empty when it can be used. */
    public List<String> problems(ImportKind kind) {
        Set<String> known = kind == ImportKind.CONTACTS ? CONTACT_FIELDS : PURCHASE_FIELDS;
        Set<String> problems = new TreeSet<>();
        for (String field : columns.keySet()) {
            if (!known.contains(field)) {
                problems.add("columns." + field + ": not a field of a "
                        + kind.name().toLowerCase() + " file; known: " + new TreeSet<>(known));
            }
        }
        if (kind == ImportKind.PURCHASES) {
            PURCHASE_REQUIRED.stream()
                    .filter(field -> !columns.containsKey(field))
                    .forEach(field -> problems.add("columns." + field + ": is required for a purchases file"));
            if (currency == null && !columns.containsKey("currency")) {
                problems.add("currency: give a currency, or a currency column");
            }
        } else if (!columns.containsKey("externalReference")
                && !columns.containsKey("email")
                && !columns.containsKey("phone")) {
            problems.add("columns: a contacts file needs an externalReference, email or phone column");
        }
        check(problems, () -> charset(), "encoding");
        check(problems, () -> dateFormatter(), "dateFormat");
        check(problems, () -> zone(), "timeZone");
        check(problems, () -> currency == null ? null : Currency.getInstance(currency), "currency");
        check(
                problems,
                () -> defaultCountry == null
                        ? null
                        : new org.clientele.command.customer.ContactNormaliser(defaultCountry),
                "defaultCountry");
        if (decimalSeparator != '.' && decimalSeparator != ',') {
            problems.add("decimalSeparator: must be '.' or ','");
        }
        return List.copyOf(problems);
    }

    java.nio.charset.Charset charset() {
        return encoding == null || encoding.isBlank()
                ? java.nio.charset.StandardCharsets.UTF_8
                : java.nio.charset.Charset.forName(encoding.strip());
    }

    DateTimeFormatter dateFormatter() {
        return dateFormat == null || dateFormat.isBlank() ? null : DateTimeFormatter.ofPattern(dateFormat);
    }

    ZoneId zone() {
        return timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone);
    }

    private static void check(Set<String> problems, java.util.function.Supplier<Object> parse, String field) {
        try {
            parse.get();
        } catch (RuntimeException e) {
            problems.add(field + ": " + e.getMessage());
        }
    }
}
