package org.clientele.command.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The first 6,000 lines of the UCI Online Retail file (see importing/README.md), and what importing them should give,
 * counted here from the file itself with Commons CSV rather than taken from the code under test.
 */
record UciSlice(Path file, List<CSVRecord> lines) {

    static final String RESOURCE = "/importing/online-retail-slice.csv.gz";
    static final String RETURN_PREFIX = "C";

    static UciSlice load() {
        try {
            Path file = Path.of(UciSlice.class.getResource(RESOURCE).toURI());
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
                    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                List<CSVRecord> lines = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)
                        .getRecords();
                return new UciSlice(file, lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The customer ids as the file writes them ("17850.0"); each is one customer. */
    Set<String> customerIds() {
        return distinct(
                withCustomer().stream().map(line -> line.get("CustomerID")).toList());
    }

    /** The customer ids as numbers ("17850"), the way a customer's external reference should read. */
    Set<String> customerNumbers() {
        return distinct(customerIds().stream()
                .map(id -> new BigDecimal(id).toBigIntegerExact().toString())
                .toList());
    }

    Set<String> purchaseInvoices() {
        return distinct(withCustomer().stream()
                .map(line -> line.get("InvoiceNo"))
                .filter(invoice -> !invoice.startsWith(RETURN_PREFIX))
                .toList());
    }

    Set<String> returnInvoices() {
        return distinct(withCustomer().stream()
                .map(line -> line.get("InvoiceNo"))
                .filter(invoice -> invoice.startsWith(RETURN_PREFIX))
                .toList());
    }

    long linesWithoutCustomer() {
        return lines.size() - withCustomer().size();
    }

    long returnLines() {
        return withCustomer().stream()
                .filter(line -> line.get("InvoiceNo").startsWith(RETURN_PREFIX))
                .count();
    }

    private List<CSVRecord> withCustomer() {
        return lines.stream().filter(line -> !line.get("CustomerID").isBlank()).toList();
    }

    private static Set<String> distinct(List<String> values) {
        return new LinkedHashSet<>(values);
    }
}
