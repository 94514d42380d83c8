package org.clientele.query.campaign;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.CampaignClosed;
import org.clientele.events.campaign.CampaignDefined;
import org.clientele.events.campaign.CampaignLaunched;
import org.clientele.events.campaign.DeliveryOutcome;
import org.clientele.events.campaign.Variant;
import org.clientele.platform.database.CopyInsert;
import org.clientele.query.campaign.Attribution.Purchase;
import org.clientele.query.campaign.Attribution.Touch;
import org.clientele.query.campaign.CampaignView.Amount;
import org.clientele.query.campaign.CampaignView.SegmentSize;
import org.clientele.query.campaign.CampaignView.Status;
import org.clientele.query.campaign.CampaignView.VariantView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The campaign memory's tables: batched writes for the projection, and the reads its views start from. */
@Repository
class CampaignMemoryRepository {

    record ContactRow(
            String eventId,
            UUID campaignId,
            UUID customerId,
            String channel,
            boolean approved,
            String reason,
            String variant,
            Instant decidedAt) {}

    record OutcomeRow(
            String eventId, UUID campaignId, UUID customerId, String channel, String outcome, Instant occurredAt) {}

    record PurchaseRow(
            UUID customerId,
            String reference,
            Instant purchasedAt,
            BigDecimal amount,
            String currency,
            boolean isReturn) {}

    private static final int FETCH_SIZE = 10_000;

    static final String CAMPAIGN_COLUMNS = "campaign_id, name, objective, channel, purpose, offer, message_reference, "
            + "target_description, cost_amount, cost_currency, attribution_window_days, control_ratio, defined_at, "
            + "audience, audience_size, control_size, launched_at, closed_at";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    CampaignMemoryRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // PostgreSQL streams a result in pages only inside a transaction and with a fetch size
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    // ---- writes ----

    void insertDefinitions(List<CampaignDefined> definitions) {
        jdbc.batchUpdate(
                "INSERT INTO campaign (campaign_id, name, objective, channel, purpose, offer, message_reference, "
                        + "target_description, cost_amount, cost_currency, attribution_window_days, control_ratio, "
                        + "defined_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (campaign_id) DO NOTHING",
                definitions,
                definitions.size(),
                (ps, event) -> {
                    ps.setObject(1, event.campaignId().value());
                    ps.setString(2, event.name());
                    ps.setString(3, event.objective());
                    ps.setString(4, event.channel().name());
                    ps.setString(
                            5, event.purpose() == null ? null : event.purpose().value());
                    ps.setString(6, event.offer());
                    ps.setString(7, event.messageReference());
                    ps.setString(8, event.targetDescription());
                    ps.setBigDecimal(
                            9, event.cost() == null ? null : event.cost().amount());
                    ps.setString(
                            10,
                            event.cost() == null
                                    ? null
                                    : event.cost().currency().getCurrencyCode());
                    ps.setInt(11, event.attributionWindowDays());
                    ps.setBigDecimal(12, event.controlRatio());
                    setInstant(ps, 13, event.definedAt());
                });
        List<Object[]> variants = new ArrayList<>();
        for (CampaignDefined event : definitions) {
            for (int i = 0; i < event.variants().size(); i++) {
                Variant variant = event.variants().get(i);
                variants.add(new Object[] {
                    event.campaignId().value(),
                    variant.code(),
                    i,
                    variant.offer(),
                    variant.messageReference(),
                    variant.share()
                });
            }
        }
        if (!variants.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO campaign_variant (campaign_id, code, position, offer, message_reference, share) "
                            + "VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                    variants);
        }
    }

    void recordLaunches(List<CampaignLaunched> launches) {
        jdbc.batchUpdate(
                "UPDATE campaign SET audience = ?, audience_size = ?, control_size = ?, launched_at = ? "
                        + "WHERE campaign_id = ?",
                launches,
                launches.size(),
                (ps, event) -> {
                    ps.setString(1, event.audience());
                    ps.setInt(2, event.audienceSize());
                    ps.setInt(3, event.controlSize());
                    setInstant(ps, 4, event.launchedAt());
                    ps.setObject(5, event.campaignId().value());
                });
    }

    void recordClosings(List<CampaignClosed> closings) {
        jdbc.batchUpdate(
                "UPDATE campaign SET closed_at = ? WHERE campaign_id = ?", closings, closings.size(), (ps, event) -> {
                    setInstant(ps, 1, event.closedAt());
                    ps.setObject(2, event.campaignId().value());
                });
    }

    void upsertMembers(Map<List<UUID>, AudienceMember> members) {
        List<Map.Entry<List<UUID>, AudienceMember>> rows = new ArrayList<>(members.entrySet());
        jdbc.batchUpdate(
                "INSERT INTO campaign_member (campaign_id, customer_id, segment, assignment) VALUES (?,?,?,?) "
                        + "ON CONFLICT (campaign_id, customer_id) DO UPDATE SET segment = EXCLUDED.segment, "
                        + "assignment = EXCLUDED.assignment",
                rows,
                rows.size(),
                (ps, row) -> {
                    ps.setObject(1, row.getKey().get(0));
                    ps.setObject(2, row.getKey().get(1));
                    ps.setString(3, row.getValue().segment());
                    ps.setString(4, row.getValue().assignment());
                });
    }

    void insertContacts(List<ContactRow> contacts) {
        jdbc.batchUpdate(
                "INSERT INTO campaign_contact (event_id, campaign_id, customer_id, channel, approved, reason, variant, "
                        + "decided_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (event_id) DO NOTHING",
                contacts,
                contacts.size(),
                (ps, row) -> {
                    ps.setString(1, row.eventId());
                    ps.setObject(2, row.campaignId());
                    ps.setObject(3, row.customerId());
                    ps.setString(4, row.channel());
                    ps.setBoolean(5, row.approved());
                    ps.setString(6, row.reason());
                    ps.setString(7, row.variant());
                    setInstant(ps, 8, row.decidedAt());
                });
    }

    void insertOutcomes(List<OutcomeRow> outcomes) {
        jdbc.batchUpdate(
                "INSERT INTO campaign_outcome (event_id, campaign_id, customer_id, channel, outcome, occurred_at) "
                        + "VALUES (?,?,?,?,?,?) ON CONFLICT (event_id) DO NOTHING",
                outcomes,
                outcomes.size(),
                (ps, row) -> {
                    ps.setString(1, row.eventId());
                    ps.setObject(2, row.campaignId());
                    ps.setObject(3, row.customerId());
                    ps.setString(4, row.channel());
                    ps.setString(5, row.outcome());
                    setInstant(ps, 6, row.occurredAt());
                });
    }

    void insertPurchases(Collection<PurchaseRow> purchases) {
        // COPY, several times quicker than a batch of INSERTs; a purchase already recorded is skipped as before
        CopyInsert.insert(
                jdbc.getDataSource(),
                "campaign_purchase",
                List.of("customer_id", "reference", "purchased_at", "amount", "currency", "is_return"),
                purchases,
                (row, values) -> values.add(row.customerId())
                        .add(row.reference())
                        .add(row.purchasedAt())
                        .add(row.amount())
                        .add(row.currency())
                        .add(row.isReturn()));
    }

    void deleteAll() {
        jdbc.execute("TRUNCATE campaign, campaign_variant, campaign_member, campaign_contact, campaign_outcome, "
                + "campaign_purchase");
    }

    // ---- reads ----

    Optional<CampaignView> find(UUID campaignId) {
        return campaigns(" WHERE campaign_id = ?", List.of(campaignId)).stream().findFirst();
    }

    /** The campaigns a WHERE clause selects, in its order, with their variants (segments left empty). */
    List<CampaignView> campaigns(String whereAndOrder, List<Object> args) {
        List<CampaignView> campaigns = jdbc.query(
                "SELECT " + CAMPAIGN_COLUMNS + " FROM campaign" + whereAndOrder, (rs, n) -> map(rs), args.toArray());
        if (campaigns.isEmpty()) {
            return campaigns;
        }
        Map<String, List<VariantView>> variants = new HashMap<>();
        jdbc.query(
                "SELECT campaign_id, code, offer, message_reference, share FROM campaign_variant "
                        + "WHERE campaign_id = ANY(?) ORDER BY campaign_id, position",
                ps -> ps.setArray(1, uuidArray(ps, campaigns.stream().map(CampaignView::campaignId))),
                rs -> {
                    variants.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new VariantView(rs.getString(2), rs.getString(3), rs.getString(4), share(rs, 5)));
                });
        return campaigns.stream()
                .map(campaign -> withVariants(campaign, variants.getOrDefault(campaign.campaignId(), List.of())))
                .toList();
    }

    long count(String where, List<Object> args) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM campaign" + where, Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /** The launch segments of each campaign's audience with their sizes, segments in order and none last. */
    Map<String, List<SegmentSize>> segmentSizes(Collection<String> campaignIds) {
        Map<String, List<SegmentSize>> sizes = new LinkedHashMap<>();
        jdbc.query(
                "SELECT campaign_id, segment, count(*) FROM campaign_member WHERE campaign_id = ANY(?) "
                        + "GROUP BY campaign_id, segment ORDER BY campaign_id, segment NULLS LAST",
                ps -> ps.setArray(1, uuidArray(ps, campaignIds.stream())),
                rs -> {
                    sizes.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new SegmentSize(rs.getString(2), rs.getLong(3)));
                });
        return sizes;
    }

    /** The campaigns with at least one member of this launch segment (case ignored), and its exact label. */
    Map<UUID, String> campaignsOnSegment(String segment) {
        Map<UUID, String> campaigns = new LinkedHashMap<>();
        jdbc.query(
                "SELECT campaign_id, min(segment) FROM campaign_member WHERE lower(segment) = lower(?) "
                        + "GROUP BY campaign_id",
                rs -> {
                    campaigns.put(rs.getObject(1, UUID.class), rs.getString(2));
                },
                segment);
        return campaigns;
    }

    /**
     * Everything the results of one campaign need on its members (of one launch segment when {@code segment} is
     * given) up to {@code cut}: their own decisions and outcomes (hard bounces dated), the other campaigns' touches
     * from the launch on (an earlier one can never be the latest; a contact a hard bounce of its campaign followed is
     * none), and their purchases from the launch on.
     */
    List<CampaignResults.Member> members(CampaignView campaign, Instant cut, String segment) {
        UUID id = UUID.fromString(campaign.campaignId());
        Instant launch = campaign.launchedAt();
        String members = "SELECT customer_id FROM campaign_member WHERE campaign_id = ?"
                + (segment == null ? "" : " AND segment = ?");
        List<Object> memberArgs = new ArrayList<>(List.of(id));
        if (segment != null) {
            memberArgs.add(segment);
        }

        Map<UUID, MemberBuilder> builders = new LinkedHashMap<>();
        jdbc.query(
                "SELECT customer_id, segment, assignment FROM campaign_member WHERE campaign_id = ?"
                        + (segment == null ? "" : " AND segment = ?") + " ORDER BY customer_id",
                rs -> {
                    UUID customer = rs.getObject(1, UUID.class);
                    builders.put(customer, new MemberBuilder(customer, rs.getString(2), rs.getString(3)));
                },
                memberArgs.toArray());

        jdbc.query(
                "SELECT customer_id, approved, reason, decided_at FROM campaign_contact "
                        + "WHERE campaign_id = ? AND decided_at <= ? AND customer_id IN (" + members + ") "
                        + "ORDER BY customer_id, decided_at, event_id",
                rs -> {
                    MemberBuilder member = builders.get(rs.getObject(1, UUID.class));
                    if (rs.getBoolean(2)) {
                        member.approvals.add(instant(rs, 4));
                    } else {
                        member.lastRefusal = rs.getString(3);
                    }
                },
                args(id, timestamp(cut), memberArgs));

        jdbc.query(
                "SELECT customer_id, outcome, occurred_at FROM campaign_outcome WHERE campaign_id = ? "
                        + "AND occurred_at <= ? AND customer_id IN (" + members + ") "
                        + "ORDER BY customer_id, occurred_at",
                rs -> {
                    MemberBuilder member = builders.get(rs.getObject(1, UUID.class));
                    DeliveryOutcome outcome = DeliveryOutcome.valueOf(rs.getString(2));
                    member.outcomes.add(outcome);
                    if (outcome == DeliveryOutcome.HARD_BOUNCE) {
                        member.hardBounces.add(instant(rs, 3));
                    }
                },
                args(id, timestamp(cut), memberArgs));

        jdbc.query(
                "SELECT c.customer_id, c.campaign_id, c.decided_at, k.attribution_window_days "
                        + "FROM campaign_contact c JOIN campaign k ON k.campaign_id = c.campaign_id "
                        + "WHERE c.approved AND c.campaign_id <> ? AND c.decided_at >= ? AND c.decided_at <= ? "
                        + "AND c.customer_id IN (" + members + ") "
                        + "AND NOT EXISTS (SELECT 1 FROM campaign_outcome o WHERE o.campaign_id = c.campaign_id "
                        + "AND o.customer_id = c.customer_id AND o.outcome = 'HARD_BOUNCE' "
                        + "AND o.occurred_at >= c.decided_at AND o.occurred_at <= ?)",
                rs -> {
                    builders.get(rs.getObject(1, UUID.class))
                            .otherContacts
                            .add(new Touch(rs.getObject(2, UUID.class), instant(rs, 3), rs.getInt(4)));
                },
                args(id, timestamp(launch), timestamp(cut), memberArgs, timestamp(cut)));

        jdbc.query(
                "SELECT customer_id, reference, purchased_at, amount, currency, is_return FROM campaign_purchase "
                        + "WHERE purchased_at >= ? AND purchased_at <= ? AND customer_id IN (" + members + ") "
                        + "ORDER BY customer_id, purchased_at, reference",
                rs -> {
                    builders.get(rs.getObject(1, UUID.class))
                            .purchases
                            .add(new Purchase(
                                    rs.getString(2),
                                    instant(rs, 3),
                                    rs.getBigDecimal(4),
                                    rs.getString(5).trim(),
                                    rs.getBoolean(6)));
                },
                args(timestamp(launch), timestamp(cut), memberArgs));

        return builders.values().stream().map(MemberBuilder::build).toList();
    }

    /** The treated members of the whole campaign approved at least once by {@code cut}: the basis of cost shares. */
    long approvedTreatedMembers(UUID campaignId, Instant cut) {
        Long count = jdbc.queryForObject(
                "SELECT count(DISTINCT c.customer_id) FROM campaign_contact c JOIN campaign_member m "
                        + "ON m.campaign_id = c.campaign_id AND m.customer_id = c.customer_id "
                        + "WHERE c.campaign_id = ? AND c.approved AND c.decided_at <= ? AND m.assignment <> ?",
                Long.class,
                campaignId,
                timestamp(cut),
                AudienceMember.CONTROL);
        return count == null ? 0 : count;
    }

    /** The campaign's latest approved contact by {@code cut}, or null: the start of its last window. */
    Instant lastApproval(UUID campaignId, Instant cut) {
        OffsetDateTime last = jdbc.queryForObject(
                "SELECT max(decided_at) FROM campaign_contact WHERE campaign_id = ? AND approved AND decided_at <= ?",
                OffsetDateTime.class,
                campaignId,
                timestamp(cut));
        return last == null ? null : last.toInstant();
    }

    /**
     * Each audience member's latest decision of the gate, approved or refused as asked, in customer order, streamed
     * to {@code sink}. At the same instant an approval is later than a refusal.
     */
    void latestDecisions(UUID campaignId, boolean approved, Consumer<CampaignMemory.Decision> sink) {
        readOnly.executeWithoutResult(status -> streaming.query(
                "SELECT customer_id, approved, variant, reason, channel, decided_at FROM ("
                        + "SELECT DISTINCT ON (c.customer_id) c.customer_id, c.approved, c.variant, c.reason, "
                        + "c.channel, c.decided_at FROM campaign_contact c JOIN campaign_member m "
                        + "ON m.campaign_id = c.campaign_id AND m.customer_id = c.customer_id "
                        + "WHERE c.campaign_id = ? "
                        + "ORDER BY c.customer_id, c.decided_at DESC, c.approved DESC, c.event_id DESC) latest "
                        + "WHERE approved = ? ORDER BY customer_id",
                rs -> {
                    sink.accept(new CampaignMemory.Decision(
                            rs.getObject(1, UUID.class),
                            rs.getBoolean(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            instant(rs, 6)));
                },
                campaignId,
                approved));
    }

    /** Every member of the campaign's frozen audience, in customer order, streamed to {@code sink}. */
    void audience(UUID campaignId, Consumer<CampaignMemory.AudienceLine> sink) {
        readOnly.executeWithoutResult(status -> streaming.query(
                "SELECT customer_id, segment, assignment FROM campaign_member WHERE campaign_id = ? "
                        + "ORDER BY customer_id",
                rs -> {
                    sink.accept(new CampaignMemory.AudienceLine(
                            rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                },
                campaignId));
    }

    private static final class MemberBuilder {
        final UUID customerId;
        final String segment;
        final String assignment;
        final List<Instant> approvals = new ArrayList<>();
        String lastRefusal;
        final Set<DeliveryOutcome> outcomes = EnumSet.noneOf(DeliveryOutcome.class);
        final List<Instant> hardBounces = new ArrayList<>();
        final List<Touch> otherContacts = new ArrayList<>();
        final List<Purchase> purchases = new ArrayList<>();

        MemberBuilder(UUID customerId, String segment, String assignment) {
            this.customerId = customerId;
            this.segment = segment;
            this.assignment = assignment;
        }

        CampaignResults.Member build() {
            return new CampaignResults.Member(
                    customerId,
                    segment,
                    assignment,
                    List.copyOf(approvals),
                    lastRefusal,
                    outcomes.isEmpty() ? Set.of() : EnumSet.copyOf(outcomes),
                    List.copyOf(hardBounces),
                    List.copyOf(otherContacts),
                    List.copyOf(purchases));
        }
    }

    private static Object[] args(Object first, Object second, List<Object> rest) {
        List<Object> all = new ArrayList<>(List.of(first, second));
        all.addAll(rest);
        return all.toArray();
    }

    private static Object[] args(Object first, Object second, Object third, List<Object> rest, Object last) {
        List<Object> all = new ArrayList<>(List.of(first, second, third));
        all.addAll(rest);
        all.add(last);
        return all.toArray();
    }

    private static CampaignView map(ResultSet rs) throws SQLException {
        BigDecimal cost = rs.getBigDecimal("cost_amount");
        String currency = rs.getString("cost_currency");
        Instant launched = instant(rs, "launched_at");
        Instant closed = instant(rs, "closed_at");
        Status status = closed != null ? Status.CLOSED : launched != null ? Status.LAUNCHED : Status.DEFINED;
        return new CampaignView(
                rs.getString("campaign_id"),
                rs.getString("name"),
                rs.getString("objective"),
                rs.getString("channel"),
                rs.getString("purpose"),
                rs.getString("offer"),
                rs.getString("message_reference"),
                rs.getString("target_description"),
                cost == null ? null : new Amount(money(cost, currency.trim()), currency.trim()),
                rs.getInt("attribution_window_days"),
                share(rs, "control_ratio"),
                List.of(),
                status,
                instant(rs, "defined_at"),
                launched,
                closed,
                rs.getString("audience"),
                (Integer) rs.getObject("audience_size"),
                (Integer) rs.getObject("control_size"),
                List.of());
    }

    private static CampaignView withVariants(CampaignView c, List<VariantView> variants) {
        return new CampaignView(
                c.campaignId(),
                c.name(),
                c.objective(),
                c.channel(),
                c.purpose(),
                c.offer(),
                c.messageReference(),
                c.targetDescription(),
                c.cost(),
                c.attributionWindowDays(),
                c.controlRatio(),
                List.copyOf(variants),
                c.status(),
                c.definedAt(),
                c.launchedAt(),
                c.closedAt(),
                c.audience(),
                c.audienceSize(),
                c.controlSize(),
                c.segments());
    }

    /** An amount at its currency's decimals: the table keeps four for every currency. */
    private static BigDecimal money(BigDecimal amount, String currency) {
        int digits = Math.max(java.util.Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return amount.setScale(digits, java.math.RoundingMode.HALF_EVEN);
    }

    private static BigDecimal share(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.stripTrailingZeros();
    }

    private static BigDecimal share(ResultSet rs, int column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.stripTrailingZeros();
    }

    static java.sql.Array uuidArray(PreparedStatement ps, java.util.stream.Stream<String> ids) throws SQLException {
        return ps.getConnection()
                .createArrayOf("uuid", ids.map(UUID::fromString).toArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime timestamp(Instant value) {
        return value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }
}
