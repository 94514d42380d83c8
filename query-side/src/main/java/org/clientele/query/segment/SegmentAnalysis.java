package org.clientele.query.segment;

import static org.clientele.query.customer.CustomerFeatures.plusMonths;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.clientele.query.customer.CustomerFeatures;
import org.clientele.query.customer.CustomerHistory;
import org.clientele.query.customer.LifecyclePhase;
import org.clientele.query.customer.LifecycleSettings;
import org.clientele.query.customer.PhaseHistory;
import org.clientele.query.customer.PurchaseFact;
import org.clientele.query.segment.SegmentViews.BandCount;
import org.clientele.query.segment.SegmentViews.Cohort;
import org.clientele.query.segment.SegmentViews.Horizon;
import org.clientele.query.segment.SegmentViews.PhaseCount;
import org.clientele.query.segment.SegmentViews.ProspectCohort;
import org.clientele.query.segment.SegmentViews.RfmSegmentStats;
import org.clientele.query.segment.SegmentViews.ScoreCut;
import org.clientele.query.segment.SegmentViews.SegmentMember;
import org.clientele.query.segment.SegmentViews.TierStats;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The segment views, as of any date: lifecycle phases and inactivity bands, transitions, RFM, value tiers, cohorts,
 * recruiting products and seasonal buyers. Each customer's features come from {@link CustomerFeatures#of}, the same
 * function the live profile uses, over the read model's dated facts (never the event store); so a view as of today
 * equals the live one, and a view as of a past date uses only the facts dated up to it. docs/segments.md has the
 * rules.
 */
@Component
public class SegmentAnalysis {

    /** The horizons at which a prospect cohort is looked at again, in months. */
    static final List<Integer> PROSPECT_HORIZONS = List.of(3, 6, 12);

    private final CustomerBase base;
    private final JdbcTemplate jdbc;
    private final LifecycleSettings lifecycle;
    private final SegmentSettings defaults;

    SegmentAnalysis(CustomerBase base, JdbcTemplate jdbc, LifecycleSettings lifecycle, SegmentSettings defaults) {
        this.base = base;
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.defaults = defaults;
    }

    public SegmentSettings defaults() {
        return defaults;
    }

    // ---- lifecycle ----

    public SegmentViews.Lifecycle lifecycle(Instant asOf, List<Integer> bands) {
        long[] phases = new long[LifecyclePhase.values().length];
        long[] inBand = new long[bands.size() + 1];
        long[] total = {0};
        base.scan(asOf, customer -> {
            CustomerFeatures features = CustomerFeatures.of(customer.history(), asOf, lifecycle);
            phases[features.phase().ordinal()]++;
            total[0]++;
            if (features.phase() == LifecyclePhase.INACTIVE) {
                inBand[band(features.lastPurchaseAt(), asOf, bands)]++;
            }
        });
        List<PhaseCount> counts = new ArrayList<>();
        for (LifecyclePhase phase : LifecyclePhase.values()) {
            counts.add(new PhaseCount(phase, phases[phase.ordinal()], share(phases[phase.ordinal()], total[0])));
        }
        List<BandCount> bandCounts = new ArrayList<>();
        if (inBand[0] > 0) {
            bandCounts.add(new BandCount("under " + bands.get(0) + " months", 0, bands.get(0), inBand[0]));
        }
        for (int i = 0; i < bands.size(); i++) {
            Integer to = i + 1 < bands.size() ? bands.get(i + 1) : null;
            String label = to == null ? bands.get(i) + "+ months" : bands.get(i) + "-" + to + " months";
            bandCounts.add(new BandCount(label, bands.get(i), to, inBand[i + 1]));
        }
        return new SegmentViews.Lifecycle(asOf, total[0], counts, bandCounts);
    }

    /** The customers in a phase (and, for INACTIVE, optionally one band, by its lower bound in months). */
    public void lifecycleMembers(
            Instant asOf, LifecyclePhase phase, Integer bandFrom, List<Integer> bands, Consumer<SegmentMember> sink) {
        base.scan(asOf, customer -> {
            CustomerFeatures features = CustomerFeatures.of(customer.history(), asOf, lifecycle);
            if (features.phase() != phase) {
                return;
            }
            if (bandFrom != null) {
                int band = band(features.lastPurchaseAt(), asOf, bands);
                int from = band == 0 ? 0 : bands.get(band - 1);
                if (from != bandFrom) {
                    return;
                }
            }
            sink.accept(member(customer.customerId(), phase.name(), null, null, null, features, null));
        });
    }

    public SegmentViews.Transitions transitions(Instant from, Instant to) {
        Map<LifecyclePhase, Map<LifecyclePhase, long[]>> matrix =
                new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        long[] total = {0};
        base.scan(to, customer -> {
            Instant known = customer.knownSince();
            LifecyclePhase before = known != null && !known.isAfter(from)
                    ? CustomerFeatures.of(customer.history(), from, lifecycle).phase()
                    : null;
            LifecyclePhase after =
                    CustomerFeatures.of(customer.history(), to, lifecycle).phase();
            matrix.computeIfAbsent(before, phase -> new EnumMap<>(LifecyclePhase.class))
                    .computeIfAbsent(after, phase -> new long[1])[0]++;
            total[0]++;
        });
        List<SegmentViews.Transition> transitions = new ArrayList<>();
        matrix.forEach((before, row) ->
                row.forEach((after, count) -> transitions.add(new SegmentViews.Transition(before, after, count[0]))));
        return new SegmentViews.Transitions(from, to, total[0], transitions);
    }

    /** One customer's phases up to a date, or empty when the customer is unknown. */
    public Optional<PhaseHistory> phaseHistory(UUID customer, Instant until) {
        PhaseHistory[] found = {null};
        base.scanOne(
                customer,
                until,
                record -> found[0] = PhaseHistory.of(record.history(), record.knownSince(), until, lifecycle));
        return Optional.ofNullable(found[0]);
    }

    private static int band(Instant lastPurchase, Instant asOf, List<Integer> bands) {
        int band = 0;
        while (band < bands.size() && !asOf.isBefore(plusMonths(lastPurchase, bands.get(band)))) {
            band++;
        }
        return band;
    }

    // ---- RFM and value tiers ----

    /** The buyers of the window, their scores and segments: what the RFM view and its lists are made of. */
    private record Scored(Instant windowStart, String currency, Buyers buyers, int[][] scores, RfmSegment[] segments) {}

    private Scored score(Instant asOf, Integer windowMonths, String currency) {
        Instant windowStart = windowMonths == null ? null : plusMonths(asOf, -windowMonths);
        String chosen = currency != null ? currency : mainCurrency(asOf, windowStart);
        Buyers buyers = collectBuyers(asOf, windowStart, chosen);
        int n = buyers.size();
        int[][] scores = new int[3][n];
        RfmSegment[] segments = new RfmSegment[n];
        if (n > 0) {
            Quintiles recency = new Quintiles(buyers.recencyValues());
            Quintiles frequency = new Quintiles(buyers.frequencyValues());
            Quintiles monetary = new Quintiles(buyers.monetaryValues());
            for (int i = 0; i < n; i++) {
                scores[0][i] = recency.score(buyers.lastPurchaseMillis(i));
                scores[1][i] = frequency.score(buyers.orders(i));
                scores[2][i] = monetary.score(buyers.netUnits(i));
                segments[i] = RfmSegment.of(scores[0][i], scores[1][i], scores[2][i]);
            }
        }
        return new Scored(windowStart, chosen, buyers, scores, segments);
    }

    public SegmentViews.Rfm rfm(Instant asOf, Integer windowMonths, String currency) {
        Scored scored = score(asOf, windowMonths, currency);
        Buyers buyers = scored.buyers();
        int segmentCount = RfmSegment.values().length;
        long[] customers = new long[segmentCount];
        long[] revenue = new long[segmentCount];
        long[] orders = new long[segmentCount];
        long totalRevenue = 0;
        for (int i = 0; i < buyers.size(); i++) {
            int segment = scored.segments()[i].ordinal();
            customers[segment]++;
            revenue[segment] += buyers.netUnits(i);
            orders[segment] += buyers.orders(i);
            totalRevenue += buyers.netUnits(i);
        }
        List<RfmSegmentStats> stats = new ArrayList<>();
        for (RfmSegment segment : RfmSegment.values()) {
            int s = segment.ordinal();
            stats.add(new RfmSegmentStats(
                    segment.name(),
                    segment.label(),
                    customers[s],
                    money(revenue[s]),
                    share(revenue[s], totalRevenue),
                    orders[s],
                    orders[s] == 0
                            ? null
                            : money(revenue[s]).divide(BigDecimal.valueOf(orders[s]), 2, RoundingMode.HALF_EVEN)));
        }
        return new SegmentViews.Rfm(
                asOf, scored.windowStart(), scored.currency(), buyers.size(), money(totalRevenue), cuts(scored), stats);
    }

    public void rfmMembers(
            Instant asOf, Integer windowMonths, String currency, RfmSegment only, Consumer<SegmentMember> sink) {
        Scored scored = score(asOf, windowMonths, currency);
        Buyers buyers = scored.buyers();
        for (int i = 0; i < buyers.size(); i++) {
            if (only == null || scored.segments()[i] == only) {
                sink.accept(new SegmentMember(
                        buyers.customer(i),
                        scored.segments()[i].name(),
                        scored.scores()[0][i],
                        scored.scores()[1][i],
                        scored.scores()[2][i],
                        Instant.ofEpochMilli(buyers.lastPurchaseMillis(i)),
                        buyers.orders(i),
                        money(buyers.netUnits(i))));
            }
        }
    }

    /** For each dimension, the lowest value that reaches each score 1 to 5 ("-" when no customer has it). */
    private static List<ScoreCut> cuts(Scored scored) {
        Buyers buyers = scored.buyers();
        long[][] lowest = new long[3][6];
        for (long[] row : lowest) {
            Arrays.fill(row, Long.MAX_VALUE);
        }
        for (int i = 0; i < buyers.size(); i++) {
            long[] values = {buyers.lastPurchaseMillis(i), buyers.orders(i), buyers.netUnits(i)};
            for (int d = 0; d < 3; d++) {
                int score = scored.scores()[d][i];
                lowest[d][score] = Math.min(lowest[d][score], values[d]);
            }
        }
        String[] names = {"recency (last purchase)", "frequency (orders)", "monetary (net value)"};
        List<ScoreCut> cuts = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            List<String> perScore = new ArrayList<>();
            for (int score = 1; score <= 5; score++) {
                long value = lowest[d][score];
                perScore.add(
                        value == Long.MAX_VALUE
                                ? "-"
                                : switch (d) {
                                    case 0 -> Instant.ofEpochMilli(value).toString();
                                    case 1 -> Long.toString(value);
                                    default -> money(value).toPlainString();
                                });
            }
            cuts.add(new ScoreCut(names[d], perScore));
        }
        return cuts;
    }

    /** The value tiers, cut by quantiles of the buyers' net value, or at given amounts when {@code amounts} is set. */
    public SegmentViews.Tiers tiers(
            Instant asOf, Integer windowMonths, String currency, List<Double> quantiles, List<BigDecimal> amounts) {
        Instant windowStart = windowMonths == null ? null : plusMonths(asOf, -windowMonths);
        String chosen = currency != null ? currency : mainCurrency(asOf, windowStart);
        Buyers buyers = collectBuyers(asOf, windowStart, chosen);
        double[] cuts = tierCuts(buyers, quantiles, amounts);
        int tierCount = ValueTiers.values().length;
        long[] customers = new long[tierCount];
        long[] revenue = new long[tierCount];
        long total = 0;
        for (int i = 0; i < buyers.size(); i++) {
            int tier = ValueTiers.of(buyers.netUnits(i), cuts).ordinal();
            customers[tier]++;
            revenue[tier] += buyers.netUnits(i);
            total += buyers.netUnits(i);
        }
        List<TierStats> stats = new ArrayList<>();
        for (ValueTiers tier : ValueTiers.values()) {
            int t = tier.ordinal();
            stats.add(new TierStats(
                    tier,
                    t == 0 ? null : money((long) cuts[t - 1]),
                    t == cuts.length ? null : money((long) cuts[t]),
                    customers[t],
                    money(revenue[t]),
                    share(revenue[t], total)));
        }
        return new SegmentViews.Tiers(
                asOf,
                windowStart,
                chosen,
                amounts == null ? "QUANTILE " + quantiles : "AMOUNT",
                Arrays.stream(cuts).mapToObj(cut -> money((long) cut)).toList(),
                buyers.size(),
                money(total),
                stats);
    }

    public void tierMembers(
            Instant asOf,
            Integer windowMonths,
            String currency,
            List<Double> quantiles,
            List<BigDecimal> amounts,
            ValueTiers only,
            Consumer<SegmentMember> sink) {
        Instant windowStart = windowMonths == null ? null : plusMonths(asOf, -windowMonths);
        String chosen = currency != null ? currency : mainCurrency(asOf, windowStart);
        Buyers buyers = collectBuyers(asOf, windowStart, chosen);
        double[] cuts = tierCuts(buyers, quantiles, amounts);
        for (int i = 0; i < buyers.size(); i++) {
            ValueTiers tier = ValueTiers.of(buyers.netUnits(i), cuts);
            if (only == null || tier == only) {
                sink.accept(new SegmentMember(
                        buyers.customer(i),
                        tier.name(),
                        null,
                        null,
                        null,
                        Instant.ofEpochMilli(buyers.lastPurchaseMillis(i)),
                        buyers.orders(i),
                        money(buyers.netUnits(i))));
            }
        }
    }

    private static double[] tierCuts(Buyers buyers, List<Double> quantiles, List<BigDecimal> amounts) {
        if (amounts != null) {
            return amounts.stream().mapToDouble(amount -> Buyers.units(amount)).toArray();
        }
        Quintiles values = new Quintiles(buyers.monetaryValues());
        return quantiles.stream().mapToDouble(values::quantile).toArray();
    }

    private Buyers collectBuyers(Instant asOf, Instant windowStart, String currency) {
        Buyers buyers = new Buyers();
        Currency counted = currency == null ? null : Currency.getInstance(currency);
        base.scan(asOf, customer -> {
            CustomerHistory history =
                    windowStart == null ? customer.history() : within(customer.history(), windowStart);
            CustomerFeatures features = CustomerFeatures.of(history, asOf, lifecycle);
            if (features.purchaseCount() > 0) {
                buyers.add(
                        customer.customerId(),
                        features.lastPurchaseAt(),
                        features.purchaseCount(),
                        features.netSpent().getOrDefault(counted, BigDecimal.ZERO));
            }
        });
        return buyers;
    }

    private static CustomerHistory within(CustomerHistory history, Instant windowStart) {
        return new CustomerHistory(
                history.purchases().stream()
                        .filter(fact -> fact.purchasedAt().isAfter(windowStart))
                        .toList(),
                history.churnedAt());
    }

    /** The currency with the most net revenue in the window: the one monetary values are compared in. */
    private String mainCurrency(Instant asOf, Instant windowStart) {
        List<String> found = jdbc.queryForList(
                "SELECT trim(currency) FROM customer_purchase WHERE purchased_at <= ? AND purchased_at > ? "
                        + "GROUP BY currency ORDER BY sum(amount) DESC, currency LIMIT 1",
                String.class,
                utc(asOf),
                utc(windowStart == null ? Instant.EPOCH.minus(36500, ChronoUnit.DAYS) : windowStart));
        return found.isEmpty() ? null : found.get(0);
    }

    // ---- cohorts ----

    public SegmentViews.Retention retention(Instant asOf) {
        YearMonth last = YearMonth.from(asOf.atOffset(ZoneOffset.UTC));
        Map<YearMonth, long[]> cohorts = new TreeMap<>();
        base.scan(asOf, customer -> {
            List<PurchaseFact> purchases = customer.history().purchases().stream()
                    .filter(fact -> !fact.isReturn())
                    .toList();
            if (purchases.isEmpty()) {
                return;
            }
            YearMonth cohort = month(purchases.get(0).purchasedAt());
            long[] counts =
                    cohorts.computeIfAbsent(cohort, month -> new long[(int) month.until(last, ChronoUnit.MONTHS) + 2]);
            counts[0]++;
            long seen = -1;
            for (PurchaseFact purchase : purchases) {
                long offset = cohort.until(month(purchase.purchasedAt()), ChronoUnit.MONTHS);
                if (offset != seen) {
                    counts[(int) offset + 1]++;
                    seen = offset;
                }
            }
        });
        List<Cohort> rows = new ArrayList<>();
        cohorts.forEach((month, counts) -> {
            List<Double> shares = new ArrayList<>();
            for (int k = 1; k < counts.length; k++) {
                shares.add(share(counts[k], counts[0]));
            }
            rows.add(new Cohort(month.toString(), counts[0], shares));
        });
        return new SegmentViews.Retention(asOf, rows);
    }

    public SegmentViews.Prospects prospects(Instant asOf) {
        Map<YearMonth, long[][]> cohorts = new TreeMap<>();
        base.scan(asOf, customer -> {
            Instant registered = customer.registeredAt();
            if (registered == null || registered.isAfter(asOf)) {
                return;
            }
            Instant firstPurchase = customer.history().purchases().stream()
                    .filter(fact -> !fact.isReturn())
                    .map(PurchaseFact::purchasedAt)
                    .findFirst()
                    .orElse(null);
            if (firstPurchase != null && !firstPurchase.isAfter(registered)) {
                return; // a customer from the start, never a prospect
            }
            long[][] counts =
                    cohorts.computeIfAbsent(month(registered), month -> new long[PROSPECT_HORIZONS.size() + 1][3]);
            counts[0][0]++;
            for (int h = 0; h < PROSPECT_HORIZONS.size(); h++) {
                Instant at = plusMonths(registered, PROSPECT_HORIZONS.get(h));
                if (at.isAfter(asOf)) {
                    continue;
                }
                int state = customer.erasedAt() != null && !customer.erasedAt().isAfter(at)
                        ? 2
                        : firstPurchase != null && !firstPurchase.isAfter(at) ? 1 : 0;
                counts[h + 1][state]++;
            }
        });
        List<ProspectCohort> rows = new ArrayList<>();
        cohorts.forEach((month, counts) -> {
            List<Horizon> horizons = new ArrayList<>();
            for (int h = 0; h < PROSPECT_HORIZONS.size(); h++) {
                long[] states = counts[h + 1];
                long observed = states[0] + states[1] + states[2];
                horizons.add(new Horizon(
                        PROSPECT_HORIZONS.get(h),
                        observed == counts[0][0],
                        states[0],
                        states[1],
                        states[2],
                        share(states[1], observed)));
            }
            rows.add(new ProspectCohort(month.toString(), counts[0][0], horizons));
        });
        return new SegmentViews.Prospects(asOf, rows);
    }

    /**
     * The products most often in first purchases: for each product, how many customers had it in their first order.
     * A merged duplicate's lines count for its survivor.
     */
    public SegmentViews.RecruitingProducts recruitingProducts(Instant asOf, int limit) {
        String firsts = """
                WITH firsts AS (
                    SELECT DISTINCT ON (owner) owner, order_reference
                    FROM (SELECT coalesce(p.merged_into, c.customer_id) AS owner, c.order_reference, c.purchased_at
                          FROM customer_purchase c JOIN customer_profile p ON p.customer_id = c.customer_id
                          WHERE c.kind = 'PURCHASE' AND c.purchased_at <= ?) bought
                    ORDER BY owner, purchased_at, order_reference)
                """;
        Long buyers = jdbc.queryForObject(firsts + "SELECT count(*) FROM firsts", Long.class, utc(asOf));
        List<SegmentViews.Product> products = jdbc.query(
                firsts + """
                        SELECT l.sku, count(DISTINCT f.owner)
                        FROM purchase_line l
                        JOIN customer_profile lp ON lp.customer_id = l.customer_id
                        JOIN firsts f ON f.owner = coalesce(lp.merged_into, l.customer_id)
                                     AND f.order_reference = l.order_reference
                        GROUP BY l.sku ORDER BY 2 DESC, 1 LIMIT ?""",
                (rs, n) -> new SegmentViews.Product(rs.getString(1), rs.getLong(2), share(rs.getLong(2), buyers)),
                utc(asOf),
                limit);
        return new SegmentViews.RecruitingProducts(asOf, buyers == null ? 0 : buyers, products);
    }

    /**
     * Customers who bought the same product in the same season in at least {@code minYears} of the last
     * {@code years} years up to asOf. Seasons are meteorological (northern hemisphere): spring is March to May,
     * summer June to August, autumn September to November, winter December to February, counted in the year of its
     * January.
     */
    public SegmentViews.Seasonal seasonal(Instant asOf, int minYears, int years) {
        int lastYear = seasonYear(asOf.atOffset(ZoneOffset.UTC).toLocalDate());
        List<SegmentViews.SeasonalBuyer> buyers = jdbc.query(
                """
                SELECT owner, sku, season, array_agg(DISTINCT season_year ORDER BY season_year)
                FROM (SELECT coalesce(p.merged_into, l.customer_id) AS owner, l.sku,
                             CASE WHEN m IN (3, 4, 5) THEN 'SPRING' WHEN m IN (6, 7, 8) THEN 'SUMMER'
                                  WHEN m IN (9, 10, 11) THEN 'AUTUMN' ELSE 'WINTER' END AS season,
                             y + CASE WHEN m = 12 THEN 1 ELSE 0 END AS season_year
                      FROM (SELECT customer_id, sku,
                                   extract(month FROM purchased_at AT TIME ZONE 'UTC')::int AS m,
                                   extract(year FROM purchased_at AT TIME ZONE 'UTC')::int AS y
                            FROM purchase_line WHERE purchased_at <= ?) l
                      JOIN customer_profile p ON p.customer_id = l.customer_id) dated
                WHERE season_year BETWEEN ? AND ?
                GROUP BY owner, sku, season
                HAVING count(DISTINCT season_year) >= ?
                ORDER BY owner, sku, season""",
                (rs, n) -> {
                    String season = rs.getString(3);
                    Integer[] seasonYears = (Integer[]) rs.getArray(4).getArray();
                    return new SegmentViews.SeasonalBuyer(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            season,
                            List.of(seasonYears),
                            nextStart(season, asOf));
                },
                utc(asOf),
                lastYear - years + 1,
                lastYear,
                minYears);
        return new SegmentViews.Seasonal(asOf, minYears, years, buyers);
    }

    static int seasonYear(LocalDate date) {
        return date.getMonthValue() == 12 ? date.getYear() + 1 : date.getYear();
    }

    /** The first day of the season's next start after asOf: when to offer the product again. */
    static Instant nextStart(String season, Instant asOf) {
        int month = switch (season) {
            case "SPRING" -> 3;
            case "SUMMER" -> 6;
            case "AUTUMN" -> 9;
            default -> 12;
        };
        LocalDate date = asOf.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate start = LocalDate.of(date.getYear(), month, 1);
        if (!start.isAfter(date)) {
            start = start.plusYears(1);
        }
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    // ---- helpers ----

    private SegmentMember member(
            UUID customer, String segment, Integer r, Integer f, Integer m, CustomerFeatures features, BigDecimal net) {
        BigDecimal value = net;
        if (value == null && features.netSpent().size() == 1) {
            value = features.netSpent().values().iterator().next();
        }
        return new SegmentMember(
                customer, segment, r, f, m, features.lastPurchaseAt(), features.purchaseCount(), value);
    }

    private static YearMonth month(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Exact: two decimals when that loses nothing, the read model's four otherwise. */
    private static BigDecimal money(long units) {
        BigDecimal amount = Buyers.amount(units);
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            return amount;
        }
    }

    private static double share(long part, Long whole) {
        return whole == null || whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
