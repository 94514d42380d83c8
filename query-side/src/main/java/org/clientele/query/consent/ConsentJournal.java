package org.clientele.query.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The journal of all consent changes, filtered by date range, channel, purpose, source and user. */
@Component
public class ConsentJournal {

    /** Every filter is optional; the date range is on the effective date, from inclusive, to exclusive. */
    public record Filter(Instant from, Instant to, String channel, String purpose, String source, String user) {}

    public record Page(List<ConsentChange> items, int page, int size, long totalItems) {}

    private final JdbcTemplate jdbc;

    ConsentJournal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Page page(Filter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        Long total = jdbc.queryForObject("SELECT count(*) FROM consent_ledger" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<ConsentChange> items = jdbc.query(
                "SELECT " + ConsentLedgerProjection.COLUMNS + " FROM consent_ledger" + where
                        + " ORDER BY effective_at, position LIMIT ? OFFSET ?",
                ConsentLedgerProjection::map,
                args.toArray());
        return new Page(items, page, size, total == null ? 0 : total);
    }

    /** Hands every matching change, in order, to the consumer: for the CSV export, without holding them all. */
    public void each(Filter filter, Consumer<ConsentChange> consumer) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        jdbc.query(
                "SELECT " + ConsentLedgerProjection.COLUMNS + " FROM consent_ledger" + where
                        + " ORDER BY effective_at, position",
                rs -> {
                    consumer.accept(ConsentLedgerProjection.map(rs, 0));
                },
                args.toArray());
    }

    private static String where(Filter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.from() != null) {
            conditions.add("effective_at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("effective_at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        add(conditions, args, "channel", filter.channel());
        add(conditions, args, "purpose", filter.purpose());
        add(conditions, args, "source", filter.source());
        add(conditions, args, "user_name", filter.user());
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void add(List<String> conditions, List<Object> args, String column, String value) {
        if (value != null) {
            conditions.add(column + " = ?");
            args.add(value);
        }
    }
}
