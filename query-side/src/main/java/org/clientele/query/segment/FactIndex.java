package org.clientele.query.segment;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.clientele.query.customer.LifecyclePhase;
import org.clientele.query.customer.PhaseHistory;
import org.clientele.query.customer.PurchaseFact;

/**
 * The customer file in memory, column by column, for the segment views: each customer's dates, its dated facts
 * (purchases and returns) and its lifecycle phase periods, in flat primitive arrays (about 120 bytes a customer with
 * its facts). Immutable once built. Customers are sorted in PostgreSQL's uuid order; a customer's facts by date; its
 * periods as {@link PhaseHistory} computed them (so a phase read here is {@code CustomerFeatures.of}'s answer).
 *
 * <p>Instants are kept as microseconds since the epoch, PostgreSQL's precision, so that boundaries stay exact.
 */
final class FactIndex {

    static final long NONE = Long.MIN_VALUE;
    private static final LifecyclePhase[] PHASES = LifecyclePhase.values();

    final int size;
    private final long[] idHigh;
    private final long[] idLow;
    private final long[] registered;
    private final long[] erased;
    private final long[] changeSeq;
    private final int[] factFrom;
    private final long[] factAt;
    private final int[] factMonth;
    private final long[] factUnits;
    private final short[] factCurrency;
    private final boolean[] factReturn;
    private final int[] periodFrom;
    private final long[] periodStart;
    private final byte[] periodPhase;
    private final List<Currency> currencies;
    private final int[] lineFrom;
    private final int[] lineSku;
    private final int[] lineMonth;
    private final long[] lineAt;
    private final int[] firstOrderLines;
    private final List<String> skus;

    /** Takes the builder's arrays as they are (their spare capacity included): a copy would double the peak memory. */
    private FactIndex(Builder b) {
        size = b.size;
        idHigh = b.idHigh;
        idLow = b.idLow;
        registered = b.registered;
        erased = b.erased;
        changeSeq = b.changeSeq;
        factFrom = b.factFrom;
        factAt = b.factAt;
        factMonth = b.factMonth;
        factUnits = b.factUnits;
        factCurrency = b.factCurrency;
        factReturn = b.factReturn;
        periodFrom = b.periodFrom;
        periodStart = b.periodStart;
        periodPhase = b.periodPhase;
        currencies = List.copyOf(b.currencies);
        lineFrom = b.lineFrom;
        lineSku = b.lineSku;
        lineMonth = b.lineMonth;
        lineAt = b.lineAt;
        firstOrderLines = b.firstOrderLines;
        skus = List.copyOf(b.skus);
    }

    static FactIndex empty() {
        return new Builder().build();
    }

    // ---- identity and dates ----

    UUID id(int i) {
        return new UUID(idHigh[i], idLow[i]);
    }

    /** The customer's position, or -1. Customers are in PostgreSQL's uuid order: unsigned, byte by byte. */
    int find(UUID id) {
        long high = id.getMostSignificantBits();
        long low = id.getLeastSignificantBits();
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(idHigh[mid], idLow[mid], high, low);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    static int compare(long high1, long low1, long high2, long low2) {
        int c = Long.compareUnsigned(high1, high2);
        return c != 0 ? c : Long.compareUnsigned(low1, low2);
    }

    long registered(int i) {
        return registered[i];
    }

    long erased(int i) {
        return erased[i];
    }

    /** The version of the customer's profile row this index holds. */
    long changeSeq(int i) {
        return changeSeq[i];
    }

    // ---- phases ----

    /** The phase at an instant, or null when the customer was not in the file yet. */
    LifecyclePhase phaseAt(int i, long at) {
        int from = periodFrom[i];
        int to = periodFrom[i + 1];
        if (from == to || periodStart[from] > at) {
            return null;
        }
        int lo = from;
        int hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (periodStart[mid] <= at) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return PHASES[periodPhase[lo]];
    }

    // ---- facts ----

    int factsFrom(int i) {
        return factFrom[i];
    }

    int factsTo(int i) {
        return factFrom[i + 1];
    }

    /** The end (exclusive) of the customer's facts dated at or before the instant. */
    int factsUntil(int i, long at) {
        int lo = factFrom[i];
        int hi = factFrom[i + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (factAt[mid] <= at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    long factAt(int f) {
        return factAt[f];
    }

    /** Months since January 1970, UTC. */
    int factMonth(int f) {
        return factMonth[f];
    }

    long factUnits(int f) {
        return factUnits[f];
    }

    boolean isReturn(int f) {
        return factReturn[f];
    }

    boolean sameCurrency(int f, int g) {
        return factCurrency[f] == factCurrency[g];
    }

    boolean inCurrency(int f, int currency) {
        return factCurrency[f] == currency;
    }

    /** The index of a currency among the facts' ones, or -1 when no fact is in it. */
    int currencyIndex(Currency currency) {
        return currencies.indexOf(currency);
    }

    /** The last purchase (not return) dated at or before the instant, or {@link #NONE}. */
    long lastPurchaseAtOrBefore(int i, long at) {
        for (int f = factsUntil(i, at) - 1; f >= factFrom[i]; f--) {
            if (!factReturn[f]) {
                return factAt[f];
            }
        }
        return NONE;
    }

    /** The first purchase (not return), or {@link #NONE}. */
    long firstPurchase(int i) {
        for (int f = factFrom[i]; f < factFrom[i + 1]; f++) {
            if (!factReturn[f]) {
                return factAt[f];
            }
        }
        return NONE;
    }

    // ---- products ----

    int linesFrom(int i) {
        return lineFrom[i];
    }

    int linesTo(int i) {
        return lineFrom[i + 1];
    }

    /** The product lines of the customer's first order (they come first: lines are in date order). */
    int firstOrderLines(int i) {
        return firstOrderLines[i];
    }

    int lineSku(int l) {
        return lineSku[l];
    }

    int lineMonth(int l) {
        return lineMonth[l];
    }

    long lineAt(int l) {
        return lineAt[l];
    }

    String sku(int id) {
        return skus.get(id);
    }

    // ---- conversions ----

    static long micros(Instant instant) {
        if (instant == null) {
            return NONE;
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return micros == NONE
                ? null
                : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
    }

    static int month(Instant instant) {
        YearMonth month = YearMonth.from(instant.atOffset(ZoneOffset.UTC));
        return (month.getYear() - 1970) * 12 + month.getMonthValue() - 1;
    }

    static YearMonth yearMonth(int month) {
        return YearMonth.of(1970 + Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1);
    }

    /** Collects customers in uuid order, then freezes them. */
    static final class Builder {
        private int size;
        private long[] idHigh = new long[1024];
        private long[] idLow = new long[1024];
        private long[] registered = new long[1024];
        private long[] erased = new long[1024];
        private long[] changeSeq = new long[1024];
        private int[] factFrom = new int[1025];
        private int[] periodFrom = new int[1025];
        private int facts;
        private long[] factAt = new long[4096];
        private int[] factMonth = new int[4096];
        private long[] factUnits = new long[4096];
        private short[] factCurrency = new short[4096];
        private boolean[] factReturn = new boolean[4096];
        private int periods;
        private long[] periodStart = new long[4096];
        private byte[] periodPhase = new byte[4096];
        private final List<Currency> currencies = new ArrayList<>();
        private int[] lineFrom = new int[1025];
        private int[] firstOrderLines = new int[1024];
        private int lines;
        private int[] lineSku = new int[4096];
        private int[] lineMonth = new int[4096];
        private long[] lineAt = new long[4096];
        private final List<String> skus = new ArrayList<>();
        private final java.util.Map<String, Integer> skuIds = new java.util.HashMap<>();
        /** The customer whose lines come next, while lines are added after the customers. */
        private int lineCustomer;

        private long firstOrderAt = NONE;
        private String firstOrderReference;

        /** Adds the next customer; customers must come in uuid order. */
        void add(CustomerRecord customer, PhaseHistory phases) {
            if (size == idHigh.length) {
                int grown = size * 2;
                idHigh = Arrays.copyOf(idHigh, grown);
                idLow = Arrays.copyOf(idLow, grown);
                registered = Arrays.copyOf(registered, grown);
                erased = Arrays.copyOf(erased, grown);
                changeSeq = Arrays.copyOf(changeSeq, grown);
                factFrom = Arrays.copyOf(factFrom, grown + 1);
                periodFrom = Arrays.copyOf(periodFrom, grown + 1);
                lineFrom = Arrays.copyOf(lineFrom, grown + 1);
                firstOrderLines = Arrays.copyOf(firstOrderLines, grown);
            }
            UUID id = customer.customerId();
            idHigh[size] = id.getMostSignificantBits();
            idLow[size] = id.getLeastSignificantBits();
            if (size > 0 && compare(idHigh[size - 1], idLow[size - 1], idHigh[size], idLow[size]) >= 0) {
                throw new IllegalStateException("customers must come in uuid order");
            }
            registered[size] = micros(customer.registeredAt());
            erased[size] = micros(customer.erasedAt());
            changeSeq[size] = customer.changeSeq();
            for (PurchaseFact fact : customer.history().purchases()) {
                addFact(fact);
            }
            for (PhaseHistory.Period period : phases.periods()) {
                if (periods == periodStart.length) {
                    periodStart = Arrays.copyOf(periodStart, periods * 2);
                    periodPhase = Arrays.copyOf(periodPhase, periods * 2);
                }
                periodStart[periods] = micros(period.enteredAt());
                periodPhase[periods] = (byte) period.phase().ordinal();
                periods++;
            }
            size++;
            factFrom[size] = facts;
            periodFrom[size] = periods;
        }

        private void addFact(PurchaseFact fact) {
            if (facts == factAt.length) {
                int grown = facts * 2;
                factAt = Arrays.copyOf(factAt, grown);
                factMonth = Arrays.copyOf(factMonth, grown);
                factUnits = Arrays.copyOf(factUnits, grown);
                factCurrency = Arrays.copyOf(factCurrency, grown);
                factReturn = Arrays.copyOf(factReturn, grown);
            }
            int currency = currencies.indexOf(fact.currency());
            if (currency < 0) {
                currencies.add(fact.currency());
                currency = currencies.size() - 1;
            }
            factAt[facts] = micros(fact.purchasedAt());
            factMonth[facts] = month(fact.purchasedAt());
            factUnits[facts] = Buyers.units(fact.amount());
            factCurrency[facts] = (short) currency;
            factReturn[facts] = fact.isReturn();
            facts++;
        }

        /**
         * Adds one product line, once every customer is in; lines must come in uuid order of their owner, then in
         * date and order reference order. The lines of an owner not in the index are skipped.
         */
        void addLine(UUID owner, Instant purchasedAt, String orderReference, String sku) {
            long high = owner.getMostSignificantBits();
            long low = owner.getLeastSignificantBits();
            while (lineCustomer < size && compare(idHigh[lineCustomer], idLow[lineCustomer], high, low) < 0) {
                closeLines();
            }
            if (lineCustomer == size || compare(idHigh[lineCustomer], idLow[lineCustomer], high, low) != 0) {
                return;
            }
            if (lines == lineSku.length) {
                lineSku = Arrays.copyOf(lineSku, lines * 2);
                lineMonth = Arrays.copyOf(lineMonth, lines * 2);
                lineAt = Arrays.copyOf(lineAt, lines * 2);
            }
            long at = micros(purchasedAt);
            if (lines == lineFrom[lineCustomer]) {
                firstOrderAt = firstPurchaseOf(lineCustomer);
                firstOrderReference = at == firstOrderAt ? orderReference : null;
            }
            if (firstOrderReference != null && at == firstOrderAt && firstOrderReference.equals(orderReference)) {
                firstOrderLines[lineCustomer]++;
            }
            lineSku[lines] = skuIds.computeIfAbsent(sku, key -> {
                skus.add(key);
                return skus.size() - 1;
            });
            lineMonth[lines] = month(purchasedAt);
            lineAt[lines] = at;
            lines++;
        }

        private void closeLines() {
            lineCustomer++;
            lineFrom[lineCustomer] = lines;
        }

        private long firstPurchaseOf(int customer) {
            for (int f = factFrom[customer]; f < factFrom[customer + 1]; f++) {
                if (!factReturn[f]) {
                    return factAt[f];
                }
            }
            return NONE;
        }

        FactIndex build() {
            while (lineCustomer < size) {
                closeLines();
            }
            return new FactIndex(this);
        }
    }
}
