package org.clientele.query.segment;

/**
 * The named RFM segments. {@link #of} maps each of the 125 (recency, frequency, monetary) score combinations to
 * exactly one of them, through the grid documented in docs/segments.md: recency on one axis, and on the other the
 * frequency-monetary score {@code FM = ceil((F + M) / 2)}.
 */
public enum RfmSegment {
    CHAMPIONS("Champions"),
    LOYAL("Loyal"),
    POTENTIAL_LOYALIST("Potential loyalist"),
    NEW("New"),
    PROMISING("Promising"),
    NEED_ATTENTION("Need attention"),
    ABOUT_TO_SLEEP("About to sleep"),
    AT_RISK("At risk"),
    CANT_LOSE_THEM("Can't lose them"),
    HIBERNATING("Hibernating"),
    LOST("Lost");

    /** Rows: recency 5 down to 1; columns: FM 1 to 5. */
    private static final RfmSegment[][] GRID = {
        {NEW, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, CHAMPIONS, CHAMPIONS},
        {PROMISING, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, LOYAL, CHAMPIONS},
        {ABOUT_TO_SLEEP, NEED_ATTENTION, NEED_ATTENTION, LOYAL, LOYAL},
        {HIBERNATING, ABOUT_TO_SLEEP, AT_RISK, AT_RISK, CANT_LOSE_THEM},
        {LOST, HIBERNATING, AT_RISK, CANT_LOSE_THEM, CANT_LOSE_THEM}
    };

    private final String label;

    RfmSegment(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static RfmSegment of(int recency, int frequency, int monetary) {
        requireScore(recency, "recency");
        requireScore(frequency, "frequency");
        requireScore(monetary, "monetary");
        int frequencyMonetary = (frequency + monetary + 1) / 2;
        return GRID[5 - recency][frequencyMonetary - 1];
    }

    private static void requireScore(int score, String name) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException(name + " score must be 1 to 5, got " + score);
        }
    }
}
