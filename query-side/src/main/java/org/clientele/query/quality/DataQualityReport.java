package org.clientele.query.quality;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.clientele.query.customer.CustomerFeatures;
import org.clientele.query.customer.CustomerHistory;
import org.clientele.query.customer.LifecyclePhase;
import org.clientele.query.customer.LifecycleSettings;
import org.clientele.query.customer.PurchaseFact;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer file's data quality and contactability, as of any date: fill rate and validity per field, who can be
 * reached on which channel (a valid address for it and a current opt-in), duplicates, and counts by lifecycle phase
 * with the inactive broken down by how long. Built from the views' dated rows (contact versions, the consent ledger,
 * dated purchases), never by re-reading the event store.
 */
@Component
public class DataQualityReport {

    /** Inactivity bands, in months since the last purchase: [12, 24), [24, 36), 36 and more. */
    static final int[] INACTIVE_BANDS = {12, 24, 36};

    public record FieldQuality(long filled, long invalid, double fillRate, double validity) {}

    public record Report(
            Instant asOf,
            String purpose,
            long customers,
            Map<String, FieldQuality> fields,
            Map<String, Long> reachableByChannel,
            long reachableByAnyChannel,
            Long probableDuplicates,
            long merged,
            Map<LifecyclePhase, Long> phases,
            Map<String, Long> inactiveByDuration) {}

    private record Contact(
            boolean name, boolean email, boolean phone, boolean postal, boolean country, String invalid) {}

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final LifecycleSettings settings;
    private final DuplicateCandidates duplicates;

    DataQualityReport(
            JdbcTemplate jdbc,
            LifecycleSettings settings,
            DuplicateCandidates duplicates,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // PostgreSQL streams a result in pages only inside a transaction and with a fetch size
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(10_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.settings = settings;
        this.duplicates = duplicates;
    }

    public Report asOf(Instant asOf, String purpose, boolean live) {
        Timestamp at = Timestamp.from(asOf);
        Map<UUID, Instant> churnedAt = new HashMap<>();
        Set<UUID> population = new HashSet<>();
        jdbc.query(
                "SELECT customer_id, churned_at FROM customer_profile WHERE registered_at <= ? "
                        + "AND (merged_at IS NULL OR merged_at > ?)",
                rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    population.add(id);
                    OffsetDateTime churned = rs.getObject(2, OffsetDateTime.class);
                    if (churned != null) {
                        churnedAt.put(id, churned.toInstant());
                    }
                },
                at,
                at);

        Map<UUID, Contact> contacts = new HashMap<>();
        jdbc.query(
                "SELECT DISTINCT ON (customer_id) customer_id, has_name, has_email, has_phone, has_postal, "
                        + "has_country, invalid_fields FROM contact_version WHERE valid_from <= ? "
                        + "ORDER BY customer_id, valid_from DESC, event_id DESC",
                rs -> {
                    contacts.put(
                            rs.getObject(1, UUID.class),
                            new Contact(
                                    rs.getBoolean(2),
                                    rs.getBoolean(3),
                                    rs.getBoolean(4),
                                    rs.getBoolean(5),
                                    rs.getBoolean(6),
                                    rs.getString(7)));
                },
                at);
        contacts.keySet().retainAll(population);

        Map<UUID, Set<String>> optIns = new HashMap<>();
        jdbc.query(
                "SELECT customer_id, channel FROM (SELECT DISTINCT ON (customer_id, channel) customer_id, channel, "
                        + "change FROM consent_ledger WHERE effective_at <= ? AND purpose = ? "
                        + "ORDER BY customer_id, channel, effective_at DESC, position DESC) latest WHERE change = 'GRANTED'",
                rs -> {
                    optIns.computeIfAbsent(UUID.fromString(rs.getString(1)), id -> new HashSet<>())
                            .add(rs.getString(2));
                },
                at,
                purpose);

        long customers = population.size();
        Map<String, FieldQuality> fields = new LinkedHashMap<>();
        fields.put("name", quality(contacts, Contact::name, "name", customers));
        fields.put("email", quality(contacts, Contact::email, "email", customers));
        fields.put("phone", quality(contacts, Contact::phone, "phone", customers));
        fields.put("postalAddress", quality(contacts, Contact::postal, "address", customers));
        fields.put("country", quality(contacts, Contact::country, "country", customers));

        Map<String, Long> reachable = new LinkedHashMap<>();
        for (String channel : List.of("EMAIL", "SMS", "PHONE", "POSTAL")) {
            reachable.put(channel, 0L);
        }
        long reachableAny = 0;
        for (UUID id : population) {
            Contact contact = contacts.get(id);
            Set<String> granted = optIns.getOrDefault(id, Set.of());
            if (contact == null || granted.isEmpty()) {
                continue;
            }
            boolean any = false;
            for (String channel : granted) {
                boolean address = switch (channel) {
                    case "EMAIL" -> contact.email();
                    case "SMS", "PHONE" -> contact.phone();
                    case "POSTAL" -> contact.postal();
                    default -> false;
                };
                if (address) {
                    reachable.merge(channel, 1L, Long::sum);
                    any = true;
                }
            }
            reachableAny += any ? 1 : 0;
        }

        Map<LifecyclePhase, Long> phases = new EnumMap<>(LifecyclePhase.class);
        for (LifecyclePhase phase : LifecyclePhase.values()) {
            phases.put(phase, 0L);
        }
        Map<String, Long> inactive = new LinkedHashMap<>();
        inactive.put("12-24 months", 0L);
        inactive.put("24-36 months", 0L);
        inactive.put("36+ months", 0L);
        // purchases stream in customer order and each customer is assessed as soon as its last row has passed, so
        // only one customer's history is held in memory at a time
        Set<UUID> assessed = new HashSet<>();
        List<PurchaseFact> current = new ArrayList<>();
        UUID[] currentId = new UUID[1];
        Runnable assessCurrent = () -> {
            if (currentId[0] != null) {
                count(phases, inactive, currentId[0], current, churnedAt, asOf);
                assessed.add(currentId[0]);
                current.clear();
            }
        };
        readOnly.executeWithoutResult(status -> streaming.query(
                "SELECT customer_id, order_reference, purchased_at, amount, currency, kind FROM customer_purchase "
                        + "WHERE purchased_at <= ? ORDER BY customer_id",
                rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    if (!population.contains(id)) {
                        return;
                    }
                    if (!id.equals(currentId[0])) {
                        assessCurrent.run();
                        currentId[0] = id;
                    }
                    current.add(new PurchaseFact(
                            rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getBigDecimal(4),
                            Currency.getInstance(rs.getString(5).trim()),
                            "RETURN".equals(rs.getString(6))));
                },
                at));
        assessCurrent.run();
        for (UUID id : population) {
            if (!assessed.contains(id)) {
                count(phases, inactive, id, List.of(), churnedAt, asOf);
            }
        }
        // probable duplicates are a live review list: not reconstructed for past dates
        Long probable = live ? (long) duplicates.find(10_000).size() : null;
        Long merged = jdbc.queryForObject("SELECT count(*) FROM customer_profile WHERE merged_at <= ?", Long.class, at);
        return new Report(
                asOf,
                purpose,
                customers,
                fields,
                reachable,
                reachableAny,
                probable,
                merged == null ? 0 : merged,
                phases,
                inactive);
    }

    private void count(
            Map<LifecyclePhase, Long> phases,
            Map<String, Long> inactive,
            UUID id,
            List<PurchaseFact> purchases,
            Map<UUID, Instant> churnedAt,
            Instant asOf) {
        CustomerFeatures features =
                CustomerFeatures.of(new CustomerHistory(purchases, churnedAt.get(id)), asOf, settings);
        phases.merge(features.phase(), 1L, Long::sum);
        if (features.phase() == LifecyclePhase.INACTIVE) {
            long months = java.time.temporal.ChronoUnit.MONTHS.between(
                    features.lastPurchaseAt().atOffset(ZoneOffset.UTC), asOf.atOffset(ZoneOffset.UTC));
            String band = months >= 36 ? "36+ months" : months >= 24 ? "24-36 months" : "12-24 months";
            inactive.merge(band, 1L, Long::sum);
        }
    }

    private static FieldQuality quality(
            Map<UUID, Contact> contacts,
            java.util.function.Predicate<Contact> filled,
            String invalidField,
            long customers) {
        long filledCount = contacts.values().stream().filter(filled).count();
        long invalid = contacts.values().stream()
                .filter(contact -> contact.invalid() != null
                        && List.of(contact.invalid().split(",")).contains(invalidField))
                .count();
        double fillRate = customers == 0 ? 0 : round((double) filledCount / customers);
        double validity = filledCount + invalid == 0 ? 1 : round((double) filledCount / (filledCount + invalid));
        return new FieldQuality(filledCount, invalid, fillRate, validity);
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value)
                .setScale(4, java.math.RoundingMode.HALF_EVEN)
                .doubleValue();
    }
}
