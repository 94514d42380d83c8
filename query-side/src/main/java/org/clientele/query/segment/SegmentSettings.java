package org.clientele.query.segment;

import java.util.List;

/**
 * The defaults of the segment views, from {@code clientele.segments.*}; each view also takes them as parameters.
 * Documented in docs/segments.md.
 *
 * @param inactivityBandsMonths the lower bounds of the inactivity bands, in months since the last purchase
 *                              (default 12, 24, 36: 12-24, 24-36 and 36+ months)
 * @param tierQuantiles         the three cut points of the value tiers, as shares of the buyers ranked by net value
 *                              (default 0.5, 0.8, 0.95: the bottom half is small, the top 5 % very large)
 */
public record SegmentSettings(List<Integer> inactivityBandsMonths, List<Double> tierQuantiles) {

    public static final SegmentSettings DEFAULTS = new SegmentSettings(List.of(12, 24, 36), List.of(0.5, 0.8, 0.95));

    public SegmentSettings {
        inactivityBandsMonths = List.copyOf(inactivityBandsMonths);
        tierQuantiles = List.copyOf(tierQuantiles);
        if (inactivityBandsMonths.isEmpty()) {
            throw new IllegalArgumentException("at least one inactivity band is needed");
        }
        for (int i = 0; i < inactivityBandsMonths.size(); i++) {
            if (inactivityBandsMonths.get(i) <= 0
                    || i > 0 && inactivityBandsMonths.get(i) <= inactivityBandsMonths.get(i - 1)) {
                throw new IllegalArgumentException(
                        "inactivity bands must be positive and increasing, got " + inactivityBandsMonths);
            }
        }
        ValueTiers.requireCuts(tierQuantiles, true);
    }
}
