package org.clientele.query.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clientele.events.consent.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The marketing pressure on customers: how many messages (approved contacts) each received per channel in the 7, 30
 * and 90 days up to a date, and who received more than a threshold. A period of N days up to {@code asOf} holds the
 * contacts approved after {@code asOf - N days} and up to {@code asOf}.
 */
@Component
public class ContactPressure {

    /** The periods pressure is counted over, in days. */
    public static final List<Integer> PERIODS = List.of(7, 30, 90);

    /** The row for all channels together. */
    public static final String ALL = "ALL";

    /** Over one period: the customers with at least one message, the messages, and the most any one received. */
    public record PeriodPressure(int days, long customers, long messages, Double averagePerCustomer, long maximum) {}

    public record ChannelPressure(String channel, List<PeriodPressure> periods) {}

    /** One customer's messages on one channel (or ALL) in the last 7, 30 and 90 days. */
    public record ChannelCounts(String channel, long last7Days, long last30Days, long last90Days) {}

    /** One customer: its messages in the period and channel asked about, and all its counts. */
    public record CustomerPressure(String customerId, long messages, List<ChannelCounts> channels) {}

    /** The customers with more than {@code above} messages in {@code days} on {@code channel}, most first. */
    public record OverSolicited(String channel, int days, int above, long total, List<CustomerPressure> customers) {}

    public record Pressure(
            Instant asOf, List<ChannelPressure> channels, OverSolicited overSolicited, CustomerPressure customer) {}

    private final JdbcTemplate jdbc;

    ContactPressure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param channel the channel over-solicitation is judged on; all channels together when null
     * @param days one of {@link #PERIODS}
     * @param customer one customer whose counts to show as well, or null
     */
    public Pressure pressure(Instant asOf, Channel channel, int days, int above, int limit, UUID customer) {
        return new Pressure(
                asOf,
                summary(asOf),
                overSolicited(asOf, channel, days, above, limit),
                customer == null ? null : customer(asOf, customer, channel, days));
    }

    private List<ChannelPressure> summary(Instant asOf) {
        Map<String, ChannelPressure> rows = new LinkedHashMap<>();
        rows.put(ALL, empty(ALL));
        for (Channel channel : Channel.values()) {
            rows.put(channel.name(), empty(channel.name()));
        }
        jdbc.query(
                "WITH counts AS (SELECT customer_id, channel, count(*) FILTER (WHERE decided_at > ?) AS d7, "
                        + "count(*) FILTER (WHERE decided_at > ?) AS d30, count(*) AS d90 FROM campaign_contact "
                        + "WHERE approved AND decided_at > ? AND decided_at <= ? "
                        + "GROUP BY GROUPING SETS ((customer_id, channel), (customer_id))) "
                        + "SELECT coalesce(channel, ?), count(*) FILTER (WHERE d7 > 0), sum(d7), max(d7), "
                        + "count(*) FILTER (WHERE d30 > 0), sum(d30), max(d30), count(*), sum(d90), max(d90) "
                        + "FROM counts GROUP BY channel",
                rs -> {
                    List<PeriodPressure> periods = new ArrayList<>();
                    for (int i = 0; i < PERIODS.size(); i++) {
                        long customers = rs.getLong(2 + 3 * i);
                        long messages = rs.getLong(3 + 3 * i);
                        periods.add(new PeriodPressure(
                                PERIODS.get(i),
                                customers,
                                messages,
                                customers == 0 ? null : UpliftStatistics.round((double) messages / customers, 2),
                                rs.getLong(4 + 3 * i)));
                    }
                    rows.put(rs.getString(1), new ChannelPressure(rs.getString(1), periods));
                },
                periodArgs(asOf, ALL));
        return List.copyOf(rows.values());
    }

    private OverSolicited overSolicited(Instant asOf, Channel channel, int days, int above, int limit) {
        List<Object> args = new ArrayList<>(
                List.of(CampaignMemoryRepository.timestamp(asOf.minus(Duration.ofDays(days))), timestamp(asOf)));
        if (channel != null) {
            args.add(channel.name());
        }
        args.add(above);
        args.add(limit);
        Map<UUID, Long> messages = new LinkedHashMap<>();
        long[] total = {0};
        jdbc.query(
                "SELECT customer_id, count(*), count(*) OVER () FROM campaign_contact "
                        + "WHERE approved AND decided_at > ? AND decided_at <= ?"
                        + (channel == null ? "" : " AND channel = ?")
                        + " GROUP BY customer_id HAVING count(*) > ? ORDER BY count(*) DESC, customer_id LIMIT ?",
                rs -> {
                    messages.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    total[0] = rs.getLong(3);
                },
                args.toArray());
        Map<UUID, List<ChannelCounts>> counts = counts(asOf, messages.keySet());
        List<CustomerPressure> customers = new ArrayList<>();
        messages.forEach((customer, count) ->
                customers.add(new CustomerPressure(customer.toString(), count, counts.get(customer))));
        return new OverSolicited(channel == null ? ALL : channel.name(), days, above, total[0], customers);
    }

    private CustomerPressure customer(Instant asOf, UUID customer, Channel channel, int days) {
        List<ChannelCounts> counts = counts(asOf, List.of(customer)).getOrDefault(customer, List.of(zero(ALL)));
        String wanted = channel == null ? ALL : channel.name();
        long messages = counts.stream()
                .filter(row -> row.channel().equals(wanted))
                .mapToLong(row -> days == 7 ? row.last7Days() : days == 30 ? row.last30Days() : row.last90Days())
                .sum();
        return new CustomerPressure(customer.toString(), messages, counts);
    }

    /** Each customer's counts: all channels first, then each channel it received messages on. */
    private Map<UUID, List<ChannelCounts>> counts(Instant asOf, java.util.Collection<UUID> customers) {
        Map<UUID, List<ChannelCounts>> counts = new LinkedHashMap<>();
        if (customers.isEmpty()) {
            return counts;
        }
        List<Object> args = new ArrayList<>(List.of(periodArgs(asOf)));
        jdbc.query(
                "SELECT customer_id, channel, count(*) FILTER (WHERE decided_at > ?), "
                        + "count(*) FILTER (WHERE decided_at > ?), count(*) FROM campaign_contact "
                        + "WHERE approved AND decided_at > ? AND decided_at <= ? AND customer_id = ANY(?) "
                        + "GROUP BY GROUPING SETS ((customer_id, channel), (customer_id)) "
                        + "ORDER BY customer_id, channel NULLS FIRST",
                ps -> {
                    for (int i = 0; i < args.size(); i++) {
                        ps.setObject(i + 1, args.get(i));
                    }
                    ps.setArray(args.size() + 1, ps.getConnection().createArrayOf("uuid", customers.toArray()));
                },
                rs -> {
                    String channel = rs.getString(2);
                    counts.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new ChannelCounts(
                                    channel == null ? ALL : channel, rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                });
        return counts;
    }

    /** The lower bounds of the 7- and 30-day periods, then the 90-day period's bounds, then any extra arguments. */
    private static Object[] periodArgs(Instant asOf, Object... extra) {
        List<Object> args = new ArrayList<>();
        for (int days : PERIODS) {
            args.add(timestamp(asOf.minus(Duration.ofDays(days))));
        }
        args.add(timestamp(asOf));
        args.addAll(List.of(extra));
        return args.toArray();
    }

    private static ChannelPressure empty(String channel) {
        return new ChannelPressure(
                channel,
                PERIODS.stream()
                        .map(days -> new PeriodPressure(days, 0, 0, null, 0))
                        .toList());
    }

    private static ChannelCounts zero(String channel) {
        return new ChannelCounts(channel, 0, 0, 0);
    }

    private static java.time.OffsetDateTime timestamp(Instant instant) {
        return CampaignMemoryRepository.timestamp(instant);
    }
}
