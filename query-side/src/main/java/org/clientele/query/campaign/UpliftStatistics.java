package org.clientele.query.campaign;

/**
 * How much better a treated group did than its control group, with a two-sided 95 % confidence interval: Agresti and
 * Caffo's adjusted interval for a difference of proportions (conversion rates), Welch's normal approximation with
 * unpooled variances for a difference of means (revenue per head). Formulas and a worked example are in
 * docs/campaigns.md.
 *
 * <p>The difference needs one member on each side. The interval of a difference of proportions needs nothing more
 * (the adjustment adds one success and one failure to each side); the interval of a difference of means needs two
 * members a side, since a variance cannot be estimated from one value. What cannot be computed is null rather than a
 * figure nobody should trust. Whether the groups are large enough to call a winner is {@link CampaignResults}'s
 * rule, not this class's.
 */
public final class UpliftStatistics {

    /** The 0.975 quantile of the standard normal distribution. */
    static final double Z_95 = 1.959964;

    private UpliftStatistics() {}

    /** A difference (treated minus control) and its interval; each part null where it cannot be computed. */
    public record Estimate(Double difference, Double low, Double high) {

        static final Estimate NONE = new Estimate(null, null, null);

        Estimate rounded(int decimals) {
            return new Estimate(round(difference, decimals), round(low, decimals), round(high, decimals));
        }

        /** The whole interval lies above zero: the treatment did better, beyond chance at 95 %. */
        boolean significantlyAbove() {
            return low != null && low > 0;
        }

        boolean significantlyBelow() {
            return high != null && high < 0;
        }
    }

    /** Half up to {@code decimals} places, for figures that are shown rather than computed on. */
    static Double round(Double value, int decimals) {
        if (value == null) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /**
     * The raw difference p1 - p0 (p = successes / members) as the estimate, and Agresti and Caffo's interval: with
     * p̃ = (successes + 1) / (members + 2) on each side, (p̃1 - p̃0) ± z √(p̃1(1 - p̃1) / (n1 + 2) + p̃0(1 - p̃0) /
     * (n0 + 2)), kept within [-1, 1]. Unlike Wald's, it does not collapse when a side has no success (or only
     * successes), so 2 of 2 against 0 of 2 is not a certainty.
     */
    public static Estimate proportions(long treatedSuccesses, long treated, long controlSuccesses, long control) {
        if (treated < 1 || control < 1) {
            return Estimate.NONE;
        }
        double difference = (double) treatedSuccesses / treated - (double) controlSuccesses / control;
        double p1 = (treatedSuccesses + 1.0) / (treated + 2.0);
        double p0 = (controlSuccesses + 1.0) / (control + 2.0);
        double centre = p1 - p0;
        double standardError = Math.sqrt(p1 * (1 - p1) / (treated + 2.0) + p0 * (1 - p0) / (control + 2.0));
        return new Estimate(
                difference, Math.max(-1, centre - Z_95 * standardError), Math.min(1, centre + Z_95 * standardError));
    }

    /** m1 - m0 ± z √(s1² / n1 + s0² / n0), with s² the sample variance (n - 1 in the denominator). */
    public static Estimate means(double[] treated, double[] control) {
        if (treated.length < 1 || control.length < 1) {
            return Estimate.NONE;
        }
        double difference = mean(treated) - mean(control);
        if (treated.length < 2 || control.length < 2) {
            return new Estimate(difference, null, null);
        }
        double standardError = Math.sqrt(variance(treated) / treated.length + variance(control) / control.length);
        return new Estimate(difference, difference - Z_95 * standardError, difference + Z_95 * standardError);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Two passes, so that large amounts close to each other keep their precision. */
    static double variance(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return squares / (values.length - 1);
    }
}
