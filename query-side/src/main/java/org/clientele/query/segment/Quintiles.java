package org.clientele.query.segment;

import java.util.Arrays;

/**
 * Scores 1 to 5 by quintile, with one deterministic rule for ties: a value's score depends only on how many values
 * are strictly below it, {@code score = 1 + floor(5 * below / n)}. Equal values always get the same score (the
 * lowest their run reaches), and a larger value never gets a lower score. With huge ties (most customers bought
 * once), the quintiles are therefore uneven: every one-time buyer scores F = 1, and the next score up is whatever
 * the share of one-time buyers leaves.
 */
final class Quintiles {

    private final double[] sorted;

    Quintiles(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    int score(double value) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values to score against");
        }
        int below = lowerBound(value);
        return 1 + (int) Math.min(4, (5L * below) / sorted.length);
    }

    /**
     * The value of the one ranked at this share, lowest first (rank {@code floor(share * n)}): for cut points by
     * quantile, so that at most that share of the values lies below the cut.
     */
    double quantile(double share) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, (long) Math.floor(share * sorted.length))];
    }

    private int lowerBound(double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
