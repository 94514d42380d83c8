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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.clientele.query.customer.CustomerFeatures;
import org.clientele.query.customer.LifecyclePhase;
import org.clientele.query.customer.LifecycleSettings;
import org.clientele.query.customer.PhaseHistory;
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
 * recruiting products and seasonal buyers. They read the {@link FactStore}'s in-memory index of the read model
 * (never the event store): phases from the periods {@link PhaseHistory} computed with {@link CustomerFeatures#of}, the
 * function the live profile uses, and R, F, M from the same dated facts; so a view as of today equals the live one,
 * and a view as of a past date uses only the facts dated up to it. docs/segments.md has the rules.
 */
@Component
public class SegmentAnalysis {

    /** The horizons at which a prospect cohort is looked at again, in months. */
    static final List<Integer> PROSPECT_HORIZONS = List.of(3, 6, 12);

    private final CustomerBase base;
    private final FactStore store;
    private final JdbcTemplate jdbc;
    private final LifecycleSettings lifecycle;
    private final SegmentSettings defaults;

    SegmentAnalysis(
            CustomerBase base,
            FactStore store,
            JdbcTemplate jdbc,
            LifecycleSettings lifecycle,
            SegmentSettings defaults) {
        this.base = base;
        this.store = store;
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
        long at = FactIndex.micros(asOf);
        Bands banding = new Bands(asOf, bands);
        store.current().forEach((index, i) -> {
            LifecyclePhase phase = index.phaseAt(i, at);
            if (phase == null) {
                return;
            }
            phases[phase.ordinal()]++;
            total[0]++;
            if (phase == LifecyclePhase.INACTIVE) {
                inBand[banding.of(index.lastPurchaseAtOrBefore(i, at))]++;
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
        long at = FactIndex.micros(asOf);
        Bands banding = new Bands(asOf, bands);
        store.current().forEach((index, i) -> {
            if (index.phaseAt(i, at) != phase) {
                return;
            }
            long last = index.lastPurchaseAtOrBefore(i, at);
            if (bandFrom != null) {
                int band = banding.of(last);
                int from = band == 0 ? 0 : bands.get(band - 1);
                if (from != bandFrom) {
                    return;
                }
            }
            int orders = 0;
            long net = 0;
            boolean oneCurrency = true;
            int end = index.factsUntil(i, at);
            for (int f = index.factsFrom(i); f < end; f++) {
                orders += index.isReturn(f) ? 0 : 1;
                net += index.factUnits(f);
                oneCurrency &= index.sameCurrency(f, index.factsFrom(i));
            }
            // a net value only means something in one currency
            sink.accept(new SegmentMember(
                    index.id(i),
                    phase.name(),
                    null,
                    null,
                    null,
                    FactIndex.instant(last),
                    orders,
                    oneCurrency ? money(net) : null));
        });
    }

    public SegmentViews.Transitions transitions(Instant from, Instant to) {
        int phaseCount = LifecyclePhase.values().length;
        long[][] matrix = new long[phaseCount + 1][phaseCount]; // row 0: not in the file yet
        long[] total = {0};
        long start = FactIndex.micros(from);
        long end = FactIndex.micros(to);
        store.current().forEach((index, i) -> {
            LifecyclePhase after = index.phaseAt(i, end);
            if (after == null) {
                return;
            }
            LifecyclePhase before = index.phaseAt(i, start);
            matrix[before == null ? 0 : before.ordinal() + 1][after.ordinal()]++;
            total[0]++;
        });
        List<SegmentViews.Transition> transitions = new ArrayList<>();
        for (int row = 0; row <= phaseCount; row++) {
            for (LifecyclePhase after : LifecyclePhase.values()) {
                long count = matrix[row][after.ordinal()];
                if (count > 0) {
                    transitions.add(new SegmentViews.Transition(
                            row == 0 ? null : LifecyclePhase.values()[row - 1], after, count));
                }
            }
        }
        return new SegmentViews.Transitions(from, to, total[0], transitions);
    }

    /** The phase of each of these customers as of a date, for those in the file by then. */
    public Map<UUID, String> phasesOf(java.util.Collection<UUID> customers, Instant asOf) {
        long at = FactIndex.micros(asOf);
        FactStore.Snapshot snapshot = store.current();
        Map<UUID, String> phases = new java.util.HashMap<>();
        for (UUID customer : customers) {
            LifecyclePhase phase = snapshot.phaseAt(customer, at);
            if (phase != null) {
                phases.put(customer, phase.name());
            }
        }
        return phases;
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

    /**
     * Which inactivity band a last purchase falls in as of a date: a band starts when the last purchase plus its
     * lower bound in calendar months is reached, as the lifecycle rules count months. Computed exactly only near a
     * band's edge; far from it a day count decides.
     */
    private static final class Bands {
        private final Instant asOf;
        private final List<Integer> bands;
        private final long[] surelyIn;
        private final long[] surelyOut;

        Bands(Instant asOf, List<Integer> bands) {
            this.asOf = asOf;
            this.bands = bands;
            surelyIn = new long[bands.size()];
            surelyOut = new long[bands.size()];
            for (int b = 0; b < bands.size(); b++) {
                Instant edge = plusMonths(asOf, -bands.get(b));
                surelyIn[b] = FactIndex.micros(edge.minus(4, ChronoUnit.DAYS));
                surelyOut[b] = FactIndex.micros(edge.plus(4, ChronoUnit.DAYS));
            }
        }

        int of(long lastPurchase) {
            int band = 0;
            while (band < bands.size() && reached(lastPurchase, band)) {
                band++;
            }
            return band;
        }

        private boolean reached(long lastPurchase, int band) {
            if (lastPurchase <= surelyIn[band]) {
                return true;
            }
            if (lastPurchase > surelyOut[band]) {
                return false;
            }
            return !asOf.isBefore(plusMonths(FactIndex.instant(lastPurchase), bands.get(band)));
        }
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
                asOf,
                scored.windowStart(),
                scored.currency(),
                buyers.size(),
                money(totalRevenue),
                cuts(scored),
                stats,
                notScored(buyers));
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
                stats,
                notScored(buyers));
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

    /**
     * The customers with a purchase in the window (windowStart, asOf], with the RFM features: the date of the last
     * purchase, the number of orders and the net value in the currency, as {@code CustomerFeatures} defines them.
     */
    private Buyers collectBuyers(Instant asOf, Instant windowStart, String currency) {
        Buyers buyers = new Buyers();
        long at = FactIndex.micros(asOf);
        long after = windowStart == null ? Long.MIN_VALUE : FactIndex.micros(windowStart);
        Currency counted = currency == null ? null : Currency.getInstance(currency);
        store.current().forEach((index, i) -> {
            int currencyIndex = counted == null ? -1 : index.currencyIndex(counted);
            int end = index.factsUntil(i, at);
            int orders = 0;
            long last = FactIndex.NONE;
            long net = 0;
            boolean any = false;
            for (int f = end - 1; f >= index.factsFrom(i) && index.factAt(f) > after; f--) {
                any = true;
                if (!index.isReturn(f)) {
                    orders++;
                    if (last == FactIndex.NONE) {
                        last = index.factAt(f);
                    }
                }
                if (index.inCurrency(f, currencyIndex)) {
                    net += index.factUnits(f);
                }
            }
            if (orders > 0) {
                buyers.add(index.id(i), FactIndex.instant(last), orders, Buyers.amount(net));
            } else if (any) {
                buyers.addOther(Buyers.amount(net));
            }
        });
        return buyers;
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

    private static SegmentViews.NotScored notScored(Buyers buyers) {
        return new SegmentViews.NotScored(buyers.othersCount(), money(buyers.othersNetUnits()));
    }

    // ---- cohorts ----

    public SegmentViews.Retention retention(Instant asOf) {
        int lastMonth = FactIndex.month(asOf);
        long at = FactIndex.micros(asOf);
        Map<Integer, long[]> cohorts = new TreeMap<>();
        store.current().forEach((index, i) -> {
            int end = index.factsUntil(i, at);
            long[] counts = null;
            int cohort = 0;
            int seen = -1;
            for (int f = index.factsFrom(i); f < end; f++) {
                if (index.isReturn(f)) {
                    continue;
                }
                int month = index.factMonth(f);
                if (counts == null) {
                    cohort = month;
                    counts = cohorts.computeIfAbsent(month, m -> new long[lastMonth - m + 2]);
                    counts[0]++;
                }
                if (month != seen) {
                    counts[month - cohort + 1]++;
                    seen = month;
                }
            }
        });
        List<Cohort> rows = new ArrayList<>();
        cohorts.forEach((month, counts) -> {
            List<Double> shares = new ArrayList<>();
            for (int k = 1; k < counts.length; k++) {
                shares.add(share(counts[k], counts[0]));
            }
            rows.add(new Cohort(FactIndex.yearMonth(month).toString(), counts[0], shares));
        });
        return new SegmentViews.Retention(asOf, rows);
    }

    public SegmentViews.Prospects prospects(Instant asOf) {
        Map<YearMonth, long[][]> cohorts = new TreeMap<>();
        long at = FactIndex.micros(asOf);
        store.current().forEach((index, i) -> {
            long registeredMicros = index.registered(i);
            if (registeredMicros == FactIndex.NONE || registeredMicros > at) {
                return;
            }
            long firstMicros = index.firstPurchase(i);
            if (firstMicros != FactIndex.NONE && firstMicros <= registeredMicros) {
                return; // a customer from the start, never a prospect
            }
            Instant registered = FactIndex.instant(registeredMicros);
            long[][] counts =
                    cohorts.computeIfAbsent(month(registered), month -> new long[PROSPECT_HORIZONS.size() + 1][3]);
            counts[0][0]++;
            long erasedMicros = index.erased(i);
            for (int h = 0; h < PROSPECT_HORIZONS.size(); h++) {
                long horizon = FactIndex.micros(plusMonths(registered, PROSPECT_HORIZONS.get(h)));
                if (horizon > at) {
                    continue;
                }
                int state = erasedMicros != FactIndex.NONE && erasedMicros <= horizon
                        ? 2
                        : firstMicros != FactIndex.NONE && firstMicros <= horizon ? 1 : 0;
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
     * The products most often in first purchases: for each product, how many customers had it in their first order
     * (dated by asOf). A merged duplicate's lines count for its survivor.
     */
    public SegmentViews.RecruitingProducts recruitingProducts(Instant asOf, int limit) {
        long at = FactIndex.micros(asOf);
        FactStore.Snapshot snapshot = store.current();
        Map<String, long[]> customersBySku = new java.util.HashMap<>();
        long[] firstPurchases = {0};
        snapshot.forEach((index, i) -> {
            long first = index.firstPurchase(i);
            if (first == FactIndex.NONE || first > at) {
                return;
            }
            firstPurchases[0]++;
            int from = index.linesFrom(i);
            int seenFrom = from;
            for (int l = from; l < from + index.firstOrderLines(i); l++) {
                boolean repeated = false;
                for (int k = seenFrom; k < l && !repeated; k++) {
                    repeated = index.lineSku(k) == index.lineSku(l);
                }
                if (!repeated) {
                    customersBySku.computeIfAbsent(index.sku(index.lineSku(l)), sku -> new long[1])[0]++;
                }
            }
        });
        List<SegmentViews.Product> products = customersBySku.entrySet().stream()
                .sorted(java.util.Comparator.<Map.Entry<String, long[]>>comparingLong(entry -> -entry.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(entry -> new SegmentViews.Product(
                        entry.getKey(), entry.getValue()[0], share(entry.getValue()[0], firstPurchases[0])))
                .toList();
        return new SegmentViews.RecruitingProducts(asOf, firstPurchases[0], products);
    }

    /**
     * Customers who bought the same product in the same season in at least {@code minYears} of the last
     * {@code years} years up to asOf. Seasons are meteorological (northern hemisphere): spring is March to May,
     * summer June to August, autumn September to November, winter December to February, counted in the year of its
     * January.
     */
    public SegmentViews.Seasonal seasonal(Instant asOf, int minYears, int years) {
        long at = FactIndex.micros(asOf);
        // each season's own last `years` occurrences that have started by asOf
        int[] firstYear = new int[4];
        for (int season = 0; season < 4; season++) {
            firstYear[season] = lastStartedYear(season, asOf) - years + 1;
        }
        List<SegmentViews.SeasonalBuyer> buyers = new ArrayList<>();
        String[] seasons = {"WINTER", "SPRING", "SUMMER", "AUTUMN"};
        store.current().forEach((index, i) -> {
            Map<Long, Long> yearsBySkuAndSeason = null;
            for (int l = index.linesFrom(i); l < index.linesTo(i) && index.lineAt(l) <= at; l++) {
                int month = Math.floorMod(index.lineMonth(l), 12) + 1;
                int year = 1970 + Math.floorDiv(index.lineMonth(l), 12) + (month == 12 ? 1 : 0);
                int season = (month % 12) / 3; // 0 winter, 1 spring, 2 summer, 3 autumn
                int offset = year - firstYear[season];
                if (offset < 0 || offset >= years) {
                    continue;
                }
                long key = ((long) index.lineSku(l) << 2) | season;
                if (yearsBySkuAndSeason == null) {
                    yearsBySkuAndSeason = new TreeMap<>();
                }
                yearsBySkuAndSeason.merge(key, 1L << offset, (a, b) -> a | b);
            }
            if (yearsBySkuAndSeason == null) {
                return;
            }
            UUID customer = index.id(i);
            yearsBySkuAndSeason.forEach((key, mask) -> {
                if (Long.bitCount(mask) >= minYears) {
                    int season = (int) (key & 3);
                    List<Integer> boughtIn = new ArrayList<>();
                    for (int y = 0; y < years; y++) {
                        if ((mask & (1L << y)) != 0) {
                            boughtIn.add(firstYear[season] + y);
                        }
                    }
                    buyers.add(new SegmentViews.SeasonalBuyer(
                            customer,
                            index.sku((int) (key >>> 2)),
                            seasons[season],
                            boughtIn,
                            nextStart(seasons[season], asOf)));
                }
            });
        });
        buyers.sort(java.util.Comparator.comparing(SegmentViews.SeasonalBuyer::customerId)
                .thenComparing(SegmentViews.SeasonalBuyer::sku)
                .thenComparing(SegmentViews.SeasonalBuyer::season));
        return new SegmentViews.Seasonal(asOf, minYears, years, buyers);
    }

    /**
     * The year of the latest occurrence of a season (0 winter, 1 spring, 2 summer, 3 autumn) that has started by
     * asOf; a winter is counted in the year of its January and starts on 1 December of the year before.
     */
    static int lastStartedYear(int season, Instant asOf) {
        LocalDate date = asOf.atOffset(ZoneOffset.UTC).toLocalDate();
        int year = date.getYear() + 1;
        while (seasonStart(season, year).isAfter(date)) {
            year--;
        }
        return year;
    }

    private static LocalDate seasonStart(int season, int year) {
        return season == 0 ? LocalDate.of(year - 1, 12, 1) : LocalDate.of(year, season * 3, 1);
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
