package org.clientele.platform.database;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Inserts many rows at once through PostgreSQL's {@code COPY}, several times faster than a batch of
 * {@code INSERT}s. {@link #insert} puts the rows into a temporary table of the connection, then into the target with
 * one {@code INSERT … SELECT … ON CONFLICT DO NOTHING}, so that a row already there is skipped as before;
 * {@link #append} copies them straight into the target, for rows known to be new. Runs on the
 * connection of the current transaction; the target is resolved by the transaction's {@code search_path}, as a plain
 * {@code INSERT} would be.
 */
public final class CopyInsert {

    /** Writes one row's values, in the order of the columns, through {@link Row#add}. */
    public interface Row {
        Row add(Object value);
    }

    private CopyInsert() {}

    /** Inserts the rows, skipping those whose key is already in the table. */
    public static <T> void insert(
            DataSource dataSource, String table, List<String> columns, Collection<T> rows, BiConsumer<T, Row> values) {
        String staging = "copy_" + table;
        String list = String.join(", ", columns);
        onConnection(dataSource, table, rows, values, (connection, text) -> {
            try (Statement statement = connection.createStatement()) {
                // a temporary table per connection, emptied at each commit; LIKE follows the search_path too
                statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + staging + " (LIKE " + table
                        + " INCLUDING DEFAULTS) ON COMMIT DELETE ROWS");
                statement.execute("TRUNCATE " + staging);
            }
            copy(connection, "pg_temp." + staging, list, text);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO " + table + " (" + list + ") SELECT " + list + " FROM pg_temp." + staging
                        + " ON CONFLICT DO NOTHING");
            }
        });
    }

    /**
     * Copies the rows straight into the table, for a caller that knows none of them is there yet (it read the keys
     * back first): no temporary table and no second insert, and a row already there fails the transaction instead of
     * being skipped.
     */
    public static <T> void append(
            DataSource dataSource, String table, List<String> columns, Collection<T> rows, BiConsumer<T, Row> values) {
        onConnection(
                dataSource,
                table,
                rows,
                values,
                (connection, text) -> copy(connection, table, String.join(", ", columns), text));
    }

    private interface CopyWork {
        void run(Connection connection, byte[] text) throws SQLException, IOException;
    }

    /** The rows as COPY text, handed with the transaction's connection to the work. */
    private static <T> void onConnection(
            DataSource dataSource, String table, Collection<T> rows, BiConsumer<T, Row> values, CopyWork work) {
        if (rows.isEmpty()) {
            return;
        }
        byte[] text = text(rows, values);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            work.run(connection, text);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static <T> byte[] text(Collection<T> rows, BiConsumer<T, Row> values) {
        StringBuilder text = new StringBuilder(rows.size() * 64);
        RowWriter writer = new RowWriter(text);
        for (T item : rows) {
            writer.start();
            values.accept(item, writer);
            text.append('\n');
        }
        return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void copy(Connection connection, String table, String columns, byte[] text)
            throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new java.io.ByteArrayInputStream(text), 1 << 16);
    }

    private static final class RowWriter implements Row {
        private final StringBuilder text;
        private boolean first;

        RowWriter(StringBuilder text) {
            this.text = text;
        }

        void start() {
            first = true;
        }

        @Override
        public Row add(Object value) {
            if (!first) {
                text.append('\t');
            }
            first = false;
            append(text, value);
            return this;
        }
    }

    /** COPY's text format: {@code \N} for null, and backslash escapes for the characters it uses. */
    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Boolean bool) {
            text.append(bool ? 't' : 'f');
        } else if (value instanceof BigDecimal decimal) {
            text.append(decimal.toPlainString());
        } else if (value instanceof Instant instant) {
            text.append(instant); // ISO 8601 in UTC, which timestamptz reads as is
        } else if (value instanceof Number || value instanceof java.util.UUID) {
            text.append(value);
        } else {
            String string = value.toString();
            for (int i = 0; i < string.length(); i++) {
                char c = string.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        }
    }
}
