package org.clientele.command.importing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import org.clientele.events.purchase.DecimalBounds;

/** Reads dates, amounts and quantities the way the mapping says the file writes them. */
final class FieldParser {

    private static final java.util.regex.Pattern OFFSET = java.util.regex.Pattern.compile("[+-]\\d\\d:?\\d\\d$");
    private static final java.util.regex.Pattern THOUSANDS =
            java.util.regex.Pattern.compile("^[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?$");
    private static final java.util.regex.Pattern WHOLE_DECIMAL = java.util.regex.Pattern.compile("\\d+\\.0+");

    private final DateTimeFormatter dateFormatter;
    private final ZoneId zone;
    private final char decimalSeparator;

    FieldParser(ImportMapping mapping) {
        this.dateFormatter = mapping.dateFormatter();
        this.zone = mapping.zone();
        this.decimalSeparator = mapping.decimalSeparator();
    }

    Instant instant(String field, String text) {
        try {
            if (dateFormatter != null) {
                TemporalAccessor parsed =
                        dateFormatter.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
                if (parsed instanceof OffsetDateTime offset) {
                    return offset.toInstant();
                }
                if (parsed instanceof LocalDateTime local) {
                    return local.atZone(zone).toInstant();
                }
                return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            return text.endsWith("Z") || OFFSET.matcher(text).find()
                    ? OffsetDateTime.parse(text).toInstant()
                    : LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a date in the mapping's format");
        }
    }

    /** Longer than any amount within {@link DecimalBounds}, written out in full. */
    private static final int MAX_NUMBER_LENGTH = 64;

    BigDecimal decimal(String field, String text) {
        if (decimalSeparator == '.'
                && text.indexOf(',') >= 0
                && !THOUSANDS.matcher(text).matches()) {
            // "2,5" with a '.' decimal separator is a mistake in the mapping or the file, not twenty-five
            throw new IllegalArgumentException(field + " '" + text + "' has a ',' that is not a thousands separator; "
                    + "is the file's decimalSeparator ','?");
        }
        String normalised = decimalSeparator == ',' ? text.replace(".", "").replace(',', '.') : text.replace(",", "");
        if (normalised.length() > MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException(field + " has more than " + MAX_NUMBER_LENGTH + " characters");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(normalised);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a number");
        }
        // bounded before any arithmetic: "1e-999999999" is cheap to parse and ruinous to add up
        return DecimalBounds.check(value, field);
    }

    int quantity(String text) {
        BigDecimal value = decimal("quantity", text);
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("quantity '" + text + "' is not a whole number");
        }
    }

    /** Spreadsheets export numeric ids as decimals: "17850.0" is the reference "17850". */
    static String reference(String text) {
        if (text == null) {
            return null;
        }
        return WHOLE_DECIMAL.matcher(text).matches() ? text.substring(0, text.indexOf('.')) : text;
    }
}
