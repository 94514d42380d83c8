package org.clientele.query.segment;

import java.util.List;

/**
 * The four value tiers (the French practice's Petit / Moyen / Gros / Tres gros), by net value: below the first cut
 * point SMALL, then MEDIUM, LARGE, and from the third cut point on VERY_LARGE.
 */
public enum ValueTiers {
    SMALL,
    MEDIUM,
    LARGE,
    VERY_LARGE;

    static ValueTiers of(double value, double[] cuts) {
        int tier = 0;
        while (tier < cuts.length && value >= cuts[tier]) {
            tier++;
        }
        return values()[tier];
    }

    /** Three increasing cut points; quantiles must lie strictly between 0 and 1. */
    static void requireCuts(List<Double> cuts, boolean quantiles) {
        if (cuts.size() != 3) {
            throw new IllegalArgumentException("three cut points are needed for four tiers, got " + cuts.size());
        }
        for (int i = 0; i < cuts.size(); i++) {
            double cut = cuts.get(i);
            if (quantiles && !(cut > 0 && cut < 1)) {
                throw new IllegalArgumentException("a quantile lies strictly between 0 and 1, got " + cut);
            }
            if (i > 0 && cut <= cuts.get(i - 1)) {
                throw new IllegalArgumentException("cut points must increase, got " + cuts);
            }
        }
    }
}
