package org.clientele.query.profile;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.clientele.platform.database.CopyInsert;
import org.clientele.query.customer.PurchaseFact;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of the profile view. Reads and writes whole batches: one statement per table per batch. */
@Repository
class ProfileRepository {

    private static final String PROFILE_COLUMNS = "customer_id, first_name, last_name, email, phone, street, "
            + "postal_code, city, country, origin_source, origin_channel, origin_campaign, registered_at, "
            + "purchase_count, first_purchase_at, last_purchase_at, churned_at, churn_reason, churn_detail, phase, "
            + "phase_assessed_at, phase_valid_until, revision, merged_into, merged_at, invalid_fields, erased_at, erasure_reference";

    private final JdbcTemplate jdbc;
    private final javax.sql.DataSource dataSource;

    ProfileRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
    }

    Map<UUID, ProfileRow> findRows(Collection<UUID> ids) {
        Map<UUID, ProfileRow> rows = new HashMap<>();
        jdbc.query(
                "SELECT " + PROFILE_COLUMNS + " FROM customer_profile WHERE customer_id = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids.toArray())),
                rs -> {
                    ProfileRow row = mapRow(rs);
                    rows.put(row.customerId, row);
                });
        return rows;
    }

    Optional<ProfileRow> findRow(UUID id) {
        return findRows(List.of(id)).values().stream().findFirst();
    }

    Map<UUID, List<PurchaseFact>> findPurchaseFacts(Collection<UUID> ids) {
        Map<UUID, List<PurchaseFact>> facts = new HashMap<>();
        jdbc.query(
                "SELECT customer_id, order_reference, purchased_at, amount, currency, kind FROM customer_purchase "
                        + "WHERE customer_id = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids.toArray())),
                rs -> {
                    facts.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new PurchaseFact(
                                    rs.getString(2),
                                    instant(rs, 3),
                                    rs.getBigDecimal(4),
                                    Currency.getInstance(rs.getString(5).trim()),
                                    "RETURN".equals(rs.getString(6))));
                });
        return facts;
    }

    List<ConsentRow> findConsents(UUID id) {
        return jdbc.query(
                "SELECT customer_id, channel, purpose, granted, source, legal_basis, changed_at "
                        + "FROM customer_consent WHERE customer_id = ? ORDER BY channel, purpose",
                (rs, n) -> new ConsentRow(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBoolean(4),
                        rs.getString(5),
                        rs.getString(6),
                        instant(rs, 7)),
                id);
    }

    List<ProfileRow> findPage(String phase, int page, int size) {
        String where = phase == null ? " WHERE merged_into IS NULL" : " WHERE merged_into IS NULL AND phase = ?";
        Object[] args = phase == null
                ? new Object[] {size, (long) page * size}
                : new Object[] {phase, size, (long) page * size};
        return jdbc.query(
                "SELECT " + PROFILE_COLUMNS + " FROM customer_profile" + where
                        + " ORDER BY customer_id LIMIT ? OFFSET ?",
                (rs, n) -> mapRow(rs),
                args);
    }

    long count(String phase) {
        Long count = phase == null
                ? jdbc.queryForObject("SELECT count(*) FROM customer_profile WHERE merged_into IS NULL", Long.class)
                : jdbc.queryForObject(
                        "SELECT count(*) FROM customer_profile WHERE merged_into IS NULL AND phase = ?",
                        Long.class,
                        phase);
        return count == null ? 0 : count;
    }

    List<UUID> findDueForReassessment(Instant now, int limit) {
        return jdbc.queryForList(
                "SELECT customer_id FROM customer_profile WHERE phase_valid_until <= ? "
                        + "ORDER BY phase_valid_until LIMIT ?",
                UUID.class,
                timestamp(now),
                limit);
    }

    void upsert(Collection<ProfileRow> rows) {
        jdbc.batchUpdate(
                "INSERT INTO customer_profile (" + PROFILE_COLUMNS + ") VALUES "
                        + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (customer_id) DO UPDATE SET "
                        + "first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, email = EXCLUDED.email, "
                        + "phone = EXCLUDED.phone, street = EXCLUDED.street, postal_code = EXCLUDED.postal_code, "
                        + "city = EXCLUDED.city, country = EXCLUDED.country, origin_source = EXCLUDED.origin_source, "
                        + "origin_channel = EXCLUDED.origin_channel, origin_campaign = EXCLUDED.origin_campaign, "
                        + "registered_at = EXCLUDED.registered_at, purchase_count = EXCLUDED.purchase_count, "
                        + "first_purchase_at = EXCLUDED.first_purchase_at, "
                        + "last_purchase_at = EXCLUDED.last_purchase_at, churned_at = EXCLUDED.churned_at, "
                        + "churn_reason = EXCLUDED.churn_reason, churn_detail = EXCLUDED.churn_detail, "
                        + "phase = EXCLUDED.phase, phase_assessed_at = EXCLUDED.phase_assessed_at, "
                        + "phase_valid_until = EXCLUDED.phase_valid_until, revision = EXCLUDED.revision, "
                        + "merged_into = EXCLUDED.merged_into, merged_at = EXCLUDED.merged_at, "
                        + "invalid_fields = EXCLUDED.invalid_fields, erased_at = EXCLUDED.erased_at, "
                        + "erasure_reference = EXCLUDED.erasure_reference, "
                        + "change_seq = nextval('customer_profile_change_seq')",
                rows,
                rows.size(),
                (ps, row) -> {
                    int i = 0;
                    ps.setObject(++i, row.customerId);
                    ps.setString(++i, row.firstName);
                    ps.setString(++i, row.lastName);
                    ps.setString(++i, row.email);
                    ps.setString(++i, row.phone);
                    ps.setString(++i, row.street);
                    ps.setString(++i, row.postalCode);
                    ps.setString(++i, row.city);
                    ps.setString(++i, row.country);
                    ps.setString(++i, row.originSource);
                    ps.setString(++i, row.originChannel);
                    ps.setString(++i, row.originCampaign);
                    setInstant(ps, ++i, row.registeredAt);
                    ps.setInt(++i, row.purchaseCount);
                    setInstant(ps, ++i, row.firstPurchaseAt);
                    setInstant(ps, ++i, row.lastPurchaseAt);
                    setInstant(ps, ++i, row.churnedAt);
                    ps.setString(++i, row.churnReason);
                    ps.setString(++i, row.churnDetail);
                    ps.setString(++i, row.phase);
                    setInstant(ps, ++i, row.phaseAssessedAt);
                    setInstant(ps, ++i, row.phaseValidUntil);
                    ps.setLong(++i, row.revision);
                    ps.setObject(++i, row.mergedInto);
                    setInstant(ps, ++i, row.mergedAt);
                    ps.setString(++i, row.invalidFields);
                    setInstant(ps, ++i, row.erasedAt);
                    ps.setString(++i, row.erasureReference);
                });
    }

    /** Only when nobody wrote the row since it was read: a fresher assessment is never overwritten. */
    boolean updatePhase(ProfileRow row, long readRevision) {
        return jdbc.update(
                        "UPDATE customer_profile SET phase = ?, phase_assessed_at = ?, phase_valid_until = ?, "
                                + "revision = ? WHERE customer_id = ? AND revision = ?",
                        row.phase,
                        timestamp(row.phaseAssessedAt),
                        timestamp(row.phaseValidUntil),
                        row.revision,
                        row.customerId,
                        readRevision)
                == 1;
    }

    /** The lines of purchases new to the view (the projection read the customer's purchases back first). */
    void insertPurchaseLines(Collection<PurchaseLineRow> lines) {
        CopyInsert.append(
                dataSource,
                "purchase_line",
                List.of("customer_id", "order_reference", "line_number", "purchased_at", "sku", "quantity", "amount"),
                lines,
                (line, row) -> row.add(line.customerId())
                        .add(line.orderReference())
                        .add(line.lineNumber())
                        .add(line.purchasedAt())
                        .add(line.sku())
                        .add(line.quantity())
                        .add(line.amount()));
    }

    /** Purchases new to the view: the projection read the customer's purchases back and left out those it had. */
    void insertPurchases(Collection<PurchaseRow> purchases) {
        CopyInsert.append(
                dataSource,
                "customer_purchase",
                List.of(
                        "customer_id",
                        "order_reference",
                        "purchased_at",
                        "amount",
                        "currency",
                        "channel",
                        "line_count",
                        "kind"),
                purchases,
                (purchase, row) -> row.add(purchase.customerId())
                        .add(purchase.orderReference())
                        .add(purchase.purchasedAt())
                        .add(purchase.amount())
                        .add(purchase.currency())
                        .add(purchase.channel())
                        .add(purchase.lineCount())
                        .add(purchase.isReturn() ? "RETURN" : "PURCHASE"));
    }

    void upsertConsents(Collection<ConsentRow> consents) {
        jdbc.batchUpdate(
                "INSERT INTO customer_consent (customer_id, channel, purpose, granted, source, legal_basis, "
                        + "changed_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (customer_id, channel, purpose) DO UPDATE "
                        + "SET granted = EXCLUDED.granted, source = EXCLUDED.source, "
                        + "legal_basis = EXCLUDED.legal_basis, changed_at = EXCLUDED.changed_at "
                        // a merged duplicate's consent only counts where it is the more recent word
                        + "WHERE customer_consent.changed_at <= EXCLUDED.changed_at",
                consents,
                consents.size(),
                (ps, consent) -> {
                    ps.setObject(1, consent.customerId());
                    ps.setString(2, consent.channel());
                    ps.setString(3, consent.purpose());
                    ps.setBoolean(4, consent.granted());
                    ps.setString(5, consent.source());
                    ps.setString(6, consent.legalBasis());
                    setInstant(ps, 7, consent.changedAt());
                });
    }

    /** An erased person's contact history keeps its dates, but no longer says which details were known. */
    void eraseContactVersions(Collection<UUID> customers) {
        jdbc.update(
                "UPDATE contact_version SET has_name = false, has_email = false, has_phone = false, "
                        + "has_postal = false, has_country = false, invalid_fields = NULL "
                        + "WHERE customer_id = ANY(?::uuid[])",
                (Object) customers.stream().map(UUID::toString).toArray(String[]::new));
    }

    void insertContactVersions(Collection<ContactVersionRow> versions) {
        jdbc.batchUpdate(
                "INSERT INTO contact_version (customer_id, valid_from, event_id, has_name, has_email, "
                        + "has_phone, has_postal, has_country, invalid_fields) VALUES (?,?,?,?,?,?,?,?,?) "
                        + "ON CONFLICT DO NOTHING",
                versions,
                versions.size(),
                (ps, version) -> {
                    ps.setObject(1, version.customerId());
                    setInstant(ps, 2, version.validFrom());
                    ps.setString(3, version.eventId());
                    ps.setBoolean(4, version.hasName());
                    ps.setBoolean(5, version.hasEmail());
                    ps.setBoolean(6, version.hasPhone());
                    ps.setBoolean(7, version.hasPostal());
                    ps.setBoolean(8, version.hasCountry());
                    ps.setString(9, version.invalidFields());
                });
    }

    void deleteAll() {
        jdbc.execute("TRUNCATE customer_profile, customer_purchase, customer_consent, contact_version, purchase_line");
        // restarting the change sequence tells every segment index (in any process) to rebuild
        jdbc.execute("SELECT setval('customer_profile_change_seq', 1, false)");
    }

    private static ProfileRow mapRow(ResultSet rs) throws SQLException {
        ProfileRow row = new ProfileRow(rs.getObject("customer_id", UUID.class));
        row.firstName = rs.getString("first_name");
        row.lastName = rs.getString("last_name");
        row.email = rs.getString("email");
        row.phone = rs.getString("phone");
        row.street = rs.getString("street");
        row.postalCode = rs.getString("postal_code");
        row.city = rs.getString("city");
        row.country = rs.getString("country");
        row.originSource = rs.getString("origin_source");
        row.originChannel = rs.getString("origin_channel");
        row.originCampaign = rs.getString("origin_campaign");
        row.registeredAt = instant(rs, "registered_at");
        row.purchaseCount = rs.getInt("purchase_count");
        row.firstPurchaseAt = instant(rs, "first_purchase_at");
        row.lastPurchaseAt = instant(rs, "last_purchase_at");
        row.churnedAt = instant(rs, "churned_at");
        row.churnReason = rs.getString("churn_reason");
        row.churnDetail = rs.getString("churn_detail");
        row.phase = rs.getString("phase");
        row.phaseAssessedAt = instant(rs, "phase_assessed_at");
        row.phaseValidUntil = instant(rs, "phase_valid_until");
        row.revision = rs.getLong("revision");
        row.mergedInto = rs.getObject("merged_into", UUID.class);
        row.mergedAt = instant(rs, "merged_at");
        row.invalidFields = rs.getString("invalid_fields");
        row.erasedAt = instant(rs, "erased_at");
        row.erasureReference = rs.getString("erasure_reference");
        return row;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    private static OffsetDateTime timestamp(Instant value) {
        return value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
    }
}
