package org.clientele.query.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.clientele.events.consent.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How customers respond to messages: open and click rates overall, month by month, per launch segment and per
 * customer, with the customers who never open and those who open or click the most.
 *
 * <p>A message is a campaign's approved contact with a customer (several approvals for one campaign are one
 * message), dated by its first approval, in {@code [from, asOf]}, that the sending tool reported sent: SENT,
 * DELIVERED, or a later outcome (OPENED, CLICKED, UNSUBSCRIBED, COMPLAINED) by {@code asOf}. An approval without
 * such a report is not a message: the gate allowed it, nothing says it went out. A message that bounced (soft or
 * hard) and was never reported delivered or later never reached anyone and is left out too. It counts as opened
 * when the sending tool reported OPENED or CLICKED for it (a click without a tracked open is still an open), clicked
 * on CLICKED, both by {@code asOf}. Its segment is the customer's launch segment in that campaign.
 */
@Component
public class Receptivity {

    public record Rates(long messages, long opened, long clicked, Double openRate, Double clickRate) {

        static Rates of(long messages, long opened, long clicked) {
            return new Rates(
                    messages,
                    opened,
                    clicked,
                    messages == 0 ? null : UpliftStatistics.round((double) opened / messages, 4),
                    messages == 0 ? null : UpliftStatistics.round((double) clicked / messages, 4));
        }
    }

    /** {@code month} is yyyy-MM, UTC. */
    public record MonthRates(String month, Rates rates) {}

    /** {@code segment} is null for messages to members of an explicit list. */
    public record SegmentRates(String segment, Rates rates) {}

    public record CustomerRates(String customerId, Rates rates) {}

    public record NeverOpeners(long total, List<CustomerRates> customers) {}

    public record CustomerReceptivity(String customerId, Rates overall, List<MonthRates> months) {}

    public record View(
            Instant from,
            Instant asOf,
            String channel,
            String segment,
            int minMessages,
            Rates overall,
            List<MonthRates> months,
            List<SegmentRates> segments,
            NeverOpeners neverOpeners,
            List<CustomerRates> bestOpeners,
            List<CustomerRates> bestClickers,
            CustomerReceptivity customer) {}

    /** The outcomes that say a message reached its customer (and so was sent). */
    private static final String REACHED = "('DELIVERED', 'OPENED', 'CLICKED', 'UNSUBSCRIBED', 'COMPLAINED')";

    private final JdbcTemplate jdbc;

    Receptivity(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param minMessages the messages a customer needs in the period to be ranked or called a never-opener
     * @param limit the most customers in each list
     * @param customer one customer whose rates to show month by month as well, or null
     */
    public View receptivity(
            Instant from, Instant asOf, Channel channel, String segment, int minMessages, int limit, UUID customer) {
        Scope all = new Scope(from, asOf, channel, segment, null);
        List<CustomerRates> neverOpeners = new ArrayList<>();
        long[] neverOpenersTotal = {0};
        query(
                all,
                "SELECT customer_id, count(*), 0, 0, count(*) OVER () FROM received GROUP BY customer_id "
                        + "HAVING count(*) >= ? AND count(*) FILTER (WHERE opened) = 0 "
                        + "ORDER BY count(*) DESC, customer_id LIMIT ?",
                rs -> {
                    neverOpeners.add(customerRates(rs));
                    neverOpenersTotal[0] = rs.getLong(5);
                },
                minMessages,
                limit);
        return new View(
                from,
                asOf,
                channel == null ? null : channel.name(),
                segment,
                minMessages,
                overall(all),
                months(all),
                segments(all),
                new NeverOpeners(neverOpenersTotal[0], neverOpeners),
                best(all, "opened", minMessages, limit),
                best(all, "clicked", minMessages, limit),
                customer == null
                        ? null
                        : new CustomerReceptivity(
                                customer.toString(),
                                overall(new Scope(from, asOf, channel, segment, customer)),
                                months(new Scope(from, asOf, channel, segment, customer))));
    }

    private Rates overall(Scope scope) {
        List<Rates> rates = new ArrayList<>();
        query(
                scope,
                "SELECT count(*), count(*) FILTER (WHERE opened), count(*) FILTER (WHERE clicked) FROM received",
                rs -> {
                    rates.add(Rates.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
                });
        return rates.get(0);
    }

    private List<MonthRates> months(Scope scope) {
        List<MonthRates> months = new ArrayList<>();
        query(
                scope,
                "SELECT to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*), "
                        + "count(*) FILTER (WHERE opened), count(*) FILTER (WHERE clicked) FROM received "
                        + "GROUP BY month ORDER BY month",
                rs -> {
                    months.add(new MonthRates(rs.getString(1), Rates.of(rs.getLong(2), rs.getLong(3), rs.getLong(4))));
                });
        return months;
    }

    private List<SegmentRates> segments(Scope scope) {
        List<SegmentRates> segments = new ArrayList<>();
        query(
                scope,
                "SELECT segment, count(*), count(*) FILTER (WHERE opened), count(*) FILTER (WHERE clicked) "
                        + "FROM received GROUP BY segment ORDER BY segment NULLS LAST",
                rs -> {
                    segments.add(
                            new SegmentRates(rs.getString(1), Rates.of(rs.getLong(2), rs.getLong(3), rs.getLong(4))));
                });
        return segments;
    }

    /** The customers with the highest rate of {@code response} (at least one), then the most, then by id. */
    private List<CustomerRates> best(Scope scope, String response, int minMessages, int limit) {
        List<CustomerRates> best = new ArrayList<>();
        String responses = "count(*) FILTER (WHERE " + response + ")";
        query(
                scope,
                "SELECT customer_id, count(*), count(*) FILTER (WHERE opened), count(*) FILTER (WHERE clicked) "
                        + "FROM received GROUP BY customer_id HAVING count(*) >= ? AND " + responses + " > 0 "
                        + "ORDER BY " + responses + "::numeric / count(*) DESC, " + responses + " DESC, customer_id "
                        + "LIMIT ?",
                rs -> {
                    best.add(customerRates(rs));
                },
                minMessages,
                limit);
        return best;
    }

    private static CustomerRates customerRates(ResultSet rs) throws SQLException {
        return new CustomerRates(rs.getString(1), Rates.of(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    /** Which messages a view reads; every part but the dates optional. */
    private record Scope(Instant from, Instant asOf, Channel channel, String segment, UUID customer) {

        /** The messages in scope as the table {@code received}: one row a message, with its responses. */
        String with(List<Object> args) {
            args.add(CampaignMemoryRepository.timestamp(from));
            args.add(CampaignMemoryRepository.timestamp(asOf));
            StringBuilder sql = new StringBuilder("WITH message AS (SELECT campaign_id, customer_id, "
                    + "min(decided_at) AS sent_at FROM campaign_contact "
                    + "WHERE approved AND decided_at >= ? AND decided_at <= ?");
            if (channel != null) {
                sql.append(" AND channel = ?");
                args.add(channel.name());
            }
            if (customer != null) {
                sql.append(" AND customer_id = ?");
                args.add(customer);
            }
            sql.append(" GROUP BY campaign_id, customer_id), response AS (SELECT msg.customer_id, msg.sent_at, "
                    + "m.segment, coalesce(bool_or(o.outcome IN ('OPENED', 'CLICKED')), false) AS opened, "
                    + "coalesce(bool_or(o.outcome = 'CLICKED'), false) AS clicked, "
                    + "coalesce(bool_or(o.outcome = 'SENT'), false) AS sent, "
                    + "coalesce(bool_or(o.outcome IN ('SOFT_BOUNCE', 'HARD_BOUNCE')), false) AS bounced, "
                    + "coalesce(bool_or(o.outcome IN " + REACHED + "), false) AS reached "
                    + "FROM message msg LEFT JOIN campaign_member m "
                    + "ON m.campaign_id = msg.campaign_id AND m.customer_id = msg.customer_id "
                    + "LEFT JOIN campaign_outcome o ON o.campaign_id = msg.campaign_id "
                    + "AND o.customer_id = msg.customer_id AND o.occurred_at <= ?");
            args.add(CampaignMemoryRepository.timestamp(asOf));
            if (segment != null) {
                sql.append(" WHERE lower(m.segment) = lower(?)");
                args.add(segment);
            }
            sql.append(" GROUP BY msg.campaign_id, msg.customer_id, msg.sent_at, m.segment), "
                    + "received AS (SELECT * FROM response WHERE reached OR (sent AND NOT bounced)) ");
            return sql.toString();
        }
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(Scope scope, String select, Row row, Object... extra) {
        List<Object> args = new ArrayList<>();
        String sql = scope.with(args) + select;
        args.addAll(List.of(extra));
        jdbc.query(
                sql,
                rs -> {
                    row.accept(rs);
                },
                args.toArray());
    }
}
