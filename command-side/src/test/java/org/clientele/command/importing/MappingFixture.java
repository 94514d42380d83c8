package org.clientele.command.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Import mappings for tests, built field by field: {@code MappingFixture.purchases().dateFormat("dd/MM/yyyy")}.
 * The shipped mapping of the UCI Online Retail file is read from docs/, so the tests prove the documented one works.
 */
final class MappingFixture {

    /** Maven runs tests from the module's folder. */
    static final Path ONLINE_RETAIL_MAPPING = Path.of("..", "docs", "mappings", "online-retail.json");

    private final Map<String, String> columns = new LinkedHashMap<>();
    private String source;
    private Character separator;
    private String dateFormat;
    private String timeZone;
    private Character decimalSeparator;
    private String defaultCountry;
    private String currency;
    private String returnPrefix;

    private MappingFixture() {}

    static MappingFixture empty() {
        return new MappingFixture();
    }

    /** A usable purchases mapping: every required column, and a currency. */
    static MappingFixture purchases() {
        return empty().column("orderReference", "order")
                .column("purchasedAt", "date")
                .column("sku", "sku")
                .column("quantity", "qty")
                .column("unitPrice", "price")
                .column("externalReference", "customer")
                .currency("EUR");
    }

    /** A usable contacts mapping, by external reference alone. */
    static MappingFixture contacts() {
        return empty().column("externalReference", "ref");
    }

    /** docs/mappings/online-retail.json, under another source so that each test has customers of its own. */
    static ImportMapping onlineRetail(String source) {
        try {
            ImportMapping shipped = new ObjectMapper().readValue(ONLINE_RETAIL_MAPPING.toFile(), ImportMapping.class);
            return new ImportMapping(
                    shipped.columns(),
                    source,
                    shipped.separator(),
                    shipped.dateFormat(),
                    shipped.timeZone(),
                    shipped.decimalSeparator(),
                    shipped.defaultCountry(),
                    shipped.currency(),
                    shipped.returnPrefix(),
                    shipped.channel(),
                    shipped.encoding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MappingFixture column(String field, String header) {
        columns.put(field, header);
        return this;
    }

    MappingFixture without(String field) {
        columns.remove(field);
        return this;
    }

    MappingFixture source(String value) {
        source = value;
        return this;
    }

    MappingFixture separator(char value) {
        separator = value;
        return this;
    }

    MappingFixture dateFormat(String value) {
        dateFormat = value;
        return this;
    }

    MappingFixture timeZone(String value) {
        timeZone = value;
        return this;
    }

    MappingFixture decimalSeparator(char value) {
        decimalSeparator = value;
        return this;
    }

    MappingFixture defaultCountry(String value) {
        defaultCountry = value;
        return this;
    }

    MappingFixture currency(String value) {
        currency = value;
        return this;
    }

    MappingFixture returnPrefix(String value) {
        returnPrefix = value;
        return this;
    }

    ImportMapping build() {
        return new ImportMapping(
                columns,
                source,
                separator,
                dateFormat,
                timeZone,
                decimalSeparator,
                defaultCountry,
                currency,
                returnPrefix,
                null,
                null);
    }
}
