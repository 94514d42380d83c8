package org.clientele.command.importing;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV file, gzip-compressed or not, one record at a time: a file of several hundred megabytes is never
 * held in memory. Knows how far into the file it has read, for the job's progress and time left.
 */
final class CsvRows implements AutoCloseable, Iterable<CsvRows.Row> {

    /** One record, with its line number in the file (the header is line 1). */
    record Row(long lineNumber, CSVRecord record, Map<String, String> columns) {

        String get(String field) {
            String header = columns.get(field);
            if (header == null || !record.isMapped(header) || !record.isSet(header)) {
                return null;
            }
            String value = record.get(header).strip();
            return value.isEmpty() ? null : value;
        }

        /** The row as CSV, to hand back in the file of rejected rows. */
        String raw() {
            return CSVFormat.DEFAULT.format(record.values());
        }
    }

    private final CountingStream counting;
    private final CSVParser parser;
    private final Map<String, String> columns;

    CsvRows(Path file, ImportMapping mapping) throws IOException {
        this.counting = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        InputStream content = isGzip(file) ? new GZIPInputStream(counting, 1 << 16) : counting;
        Reader reader = FileEncoding.reader(content, mapping.charset());
        this.parser = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(mapping.separator())
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get()
                .parse(reader);
        this.columns = mapping.columns();
    }

    /**
     * A first, cheap pass over the order references: the orders whose lines come in more than one block. An order
     * is recorded whole or not at all, so such an order's lines are gathered and imported together at the end.
     */
    static Set<String> splitOrders(Path file, ImportMapping mapping) throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> split = new HashSet<>();
        String previous = null;
        try (CsvRows rows = new CsvRows(file, mapping)) {
            for (Row row : rows) {
                String reference = row.get("orderReference");
                if (reference != null && !reference.equals(previous)) {
                    if (!seen.add(reference)) {
                        split.add(reference);
                    }
                    previous = reference;
                }
            }
        }
        return split;
    }

    /** The headers the mapping names but the file lacks. */
    List<String> missingHeaders() {
        return columns.values().stream()
                .filter(header -> !parser.getHeaderMap().containsKey(header))
                .sorted()
                .toList();
    }

    List<String> headers() {
        return parser.getHeaderNames();
    }

    long bytesRead() {
        return counting.count;
    }

    @Override
    public Iterator<Row> iterator() {
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Row next() {
                CSVRecord record = records.next();
                // the parser counts the lines it has read, so blank lines and quoted line breaks are accounted for;
                // the record started that many line breaks (inside its values) before where it ended
                long breaksInside = 0;
                for (String value : record.values()) {
                    for (int at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) {
                        breaksInside++;
                    }
                }
                return new Row(parser.getCurrentLineNumber() - breaksInside, record, columns);
            }
        };
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
