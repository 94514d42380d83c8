package org.clientele.query.customer;

/**
 * The thresholds of the lifecycle rules, from {@code clientele.lifecycle.*}. The defaults and the reasons for
 * them are in docs/lifecycle.md.
 *
 * @param inactiveAfterMonths      no purchase for this long makes a customer INACTIVE (default 12)
 * @param decliningWindowMonths    the length of the two periods compared to detect decline (default 12)
 * @param decliningRatio           DECLINING when the recent period has at most this share of the earlier one's
 *                                 purchases (default 0.5)
 * @param decliningMinimumPrior    the earlier period needs at least this many purchases to speak of decline
 *                                 (default 2)
 * @param reactivatedForMonths     how long a comeback purchase keeps a customer REACTIVATED (default 12)
 */
public record LifecycleSettings(
        int inactiveAfterMonths,
        int decliningWindowMonths,
        double decliningRatio,
        int decliningMinimumPrior,
        int reactivatedForMonths) {

    public static final LifecycleSettings DEFAULTS = new LifecycleSettings(12, 12, 0.5, 2, 12);

    public LifecycleSettings {
        requirePositive(inactiveAfterMonths, "inactiveAfterMonths");
        requirePositive(decliningWindowMonths, "decliningWindowMonths");
        requirePositive(decliningMinimumPrior, "decliningMinimumPrior");
        requirePositive(reactivatedForMonths, "reactivatedForMonths");
        if (!(decliningRatio > 0 && decliningRatio < 1)) {
            throw new IllegalArgumentException(
                    "decliningRatio must lie strictly between 0 and 1, got " + decliningRatio);
        }
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
