package org.clientele.query.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The customers who bought within a window, column by column in primitive arrays: a million of them take about
 * 40 MB, where a list of objects would take several times that. Net values are kept exact, in ten-thousandths
 * (the read model's scale).
 */
final class Buyers {

    private static final int SCALE = 4;

    private long[] idHigh = new long[1024];
    private long[] idLow = new long[1024];
    private long[] lastPurchase = new long[1024];
    private int[] orders = new int[1024];
    private long[] net = new long[1024];
    private int size;
    private long othersCount;
    private long othersNet;

    /** A customer with facts in the window but no purchase: only its (negative) net value is kept. */
    void addOther(BigDecimal netValue) {
        othersCount++;
        othersNet += netValue.setScale(SCALE, java.math.RoundingMode.HALF_EVEN)
                .unscaledValue()
                .longValueExact();
    }

    long othersCount() {
        return othersCount;
    }

    long othersNetUnits() {
        return othersNet;
    }

    void add(UUID customer, Instant last, int orderCount, BigDecimal netValue) {
        if (size == idHigh.length) {
            int grown = size * 2;
            idHigh = Arrays.copyOf(idHigh, grown);
            idLow = Arrays.copyOf(idLow, grown);
            lastPurchase = Arrays.copyOf(lastPurchase, grown);
            orders = Arrays.copyOf(orders, grown);
            net = Arrays.copyOf(net, grown);
        }
        idHigh[size] = customer.getMostSignificantBits();
        idLow[size] = customer.getLeastSignificantBits();
        lastPurchase[size] = last.toEpochMilli();
        orders[size] = orderCount;
        net[size] = netValue.setScale(SCALE, java.math.RoundingMode.HALF_EVEN)
                .unscaledValue()
                .longValueExact();
        size++;
    }

    int size() {
        return size;
    }

    UUID customer(int i) {
        return new UUID(idHigh[i], idLow[i]);
    }

    long lastPurchaseMillis(int i) {
        return lastPurchase[i];
    }

    int orders(int i) {
        return orders[i];
    }

    long netUnits(int i) {
        return net[i];
    }

    BigDecimal net(int i) {
        return BigDecimal.valueOf(net[i], SCALE);
    }

    static BigDecimal amount(long units) {
        return BigDecimal.valueOf(units, SCALE);
    }

    static long units(BigDecimal amount) {
        return amount.setScale(SCALE, java.math.RoundingMode.HALF_EVEN)
                .unscaledValue()
                .longValueExact();
    }

    double[] recencyValues() {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = lastPurchase[i];
        }
        return values;
    }

    double[] frequencyValues() {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = orders[i];
        }
        return values;
    }

    double[] monetaryValues() {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = net[i];
        }
        return values;
    }
}
