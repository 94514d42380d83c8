package org.clientele.query.segment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.clientele.query.customer.CustomerHistory;
import org.clientele.query.customer.PurchaseFact;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer file as of a date, read from the read model: each customer known by then (registered, or with a fact
 * dated by then; merged duplicates excluded, their facts are their survivor's) with its purchases, returns and churn
 * mark up to that date. One streaming pass, customer by customer, in constant memory per customer: never the event
 * store, which is for rebuilding.
 */
@Component
class CustomerBase {

    private static final int FETCH_SIZE = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    CustomerBase(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    private static final String CUSTOMERS_AS_OF = """
            SELECT p.customer_id, p.registered_at, p.churned_at, p.erased_at,
                   c.order_reference, c.purchased_at, c.amount, c.currency, c.kind, p.change_seq
            FROM customer_profile p
            LEFT JOIN customer_purchase c ON c.customer_id = p.customer_id AND c.purchased_at <= ?
            WHERE p.merged_into IS NULL
              AND (p.registered_at <= ? OR c.customer_id IS NOT NULL)""";

    void scan(Instant asOf, Consumer<CustomerRecord> consumer) {
        run(CUSTOMERS_AS_OF + " ORDER BY p.customer_id, c.purchased_at, c.order_reference", asOf, consumer);
    }

    /** Some customers, in uuid order, as of a date; the unknown and the merged ones are left out. */
    void scanSome(java.util.Collection<UUID> customers, Instant asOf, Consumer<CustomerRecord> consumer) {
        run(
                CUSTOMERS_AS_OF + " AND p.customer_id = ANY(?::uuid[]) ORDER BY p.customer_id, c.purchased_at, "
                        + "c.order_reference",
                asOf,
                consumer,
                (Object) customers.stream().map(UUID::toString).toArray(String[]::new));
    }

    /** One product line, under the customer it counts for (a merged duplicate's lines count for its survivor). */
    interface LineConsumer {
        void accept(UUID owner, Instant purchasedAt, String orderReference, String sku);
    }

    /** Every product line (or those of some owners), in uuid order of the owner, then date and order. */
    void lines(java.util.Collection<UUID> owners, LineConsumer consumer) {
        String sql = """
                SELECT owner, purchased_at, order_reference, sku FROM (
                    SELECT coalesce(p.merged_into, l.customer_id) AS owner, l.purchased_at, l.order_reference,
                           l.line_number, l.sku
                    FROM purchase_line l JOIN customer_profile p ON p.customer_id = l.customer_id) owned
                """
                + (owners == null ? "" : "WHERE owner = ANY(?::uuid[]) ")
                + "ORDER BY owner, purchased_at, order_reference, line_number";
        org.springframework.jdbc.core.RowCallbackHandler handler = rs -> consumer.accept(
                rs.getObject(1, UUID.class),
                rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getString(3),
                rs.getString(4));
        readOnly.executeWithoutResult(status -> {
            if (owners == null) {
                jdbc.query(sql, handler);
            } else {
                jdbc.query(sql, handler, (Object)
                        owners.stream().map(UUID::toString).toArray(String[]::new));
            }
        });
    }

    /** One customer as of a date; nothing when unknown then, or merged into another. */
    void scanOne(UUID customer, Instant asOf, Consumer<CustomerRecord> consumer) {
        run(
                CUSTOMERS_AS_OF + " AND p.customer_id = ? ORDER BY c.purchased_at, c.order_reference",
                asOf,
                consumer,
                customer);
    }

    private void run(String sql, Instant asOf, Consumer<CustomerRecord> consumer, Object... more) {
        OffsetDateTime at = OffsetDateTime.ofInstant(asOf, java.time.ZoneOffset.UTC);
        Object[] parameters = new Object[2 + more.length];
        parameters[0] = at;
        parameters[1] = at;
        System.arraycopy(more, 0, parameters, 2, more.length);
        Reader reader = new Reader(asOf, consumer);
        // a cursor needs a transaction on PostgreSQL; without one the driver would load every row first
        readOnly.executeWithoutResult(status -> jdbc.query(sql, reader, parameters));
        reader.flush();
    }

    /** Groups the rows of one customer, and hands the customer over when the next one starts. */
    private static final class Reader implements org.springframework.jdbc.core.RowCallbackHandler {
        private final Instant asOf;
        private final Consumer<CustomerRecord> consumer;
        private UUID current;
        private Instant registeredAt;
        private Instant churnedAt;
        private Instant erasedAt;
        private long changeSeq;
        private List<PurchaseFact> facts = new ArrayList<>();

        Reader(Instant asOf, Consumer<CustomerRecord> consumer) {
            this.asOf = asOf;
            this.consumer = consumer;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            UUID id = rs.getObject(1, UUID.class);
            if (!id.equals(current)) {
                flush();
                current = id;
                registeredAt = instant(rs, 2);
                churnedAt = instant(rs, 3);
                erasedAt = instant(rs, 4);
                changeSeq = rs.getLong(10);
                facts = new ArrayList<>();
            }
            String reference = rs.getString(5);
            if (reference != null) {
                facts.add(new PurchaseFact(
                        reference,
                        instant(rs, 6),
                        rs.getBigDecimal(7),
                        Currency.getInstance(rs.getString(8).trim()),
                        "RETURN".equals(rs.getString(9))));
            }
        }

        void flush() {
            if (current == null) {
                return;
            }
            Instant churn = churnedAt != null && !churnedAt.isAfter(asOf) ? churnedAt : null;
            Instant erased = erasedAt != null && !erasedAt.isAfter(asOf) ? erasedAt : null;
            consumer.accept(
                    new CustomerRecord(current, registeredAt, erased, new CustomerHistory(facts, churn), changeSeq));
            current = null;
        }

        private static Instant instant(ResultSet rs, int column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
