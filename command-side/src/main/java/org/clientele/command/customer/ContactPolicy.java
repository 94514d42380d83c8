package org.clientele.command.customer;

/**
 * The limits of the contact-policy gate, from {@code clientele.contact-policy.*}: at most {@code maxPerChannel}
 * messages on one channel and {@code maxTotal} over all channels in a rolling period of {@code periodDays} days
 * (a customer's own limit from the preference centre applies too, when lower); and whether a customer's preferred
 * channels, when given, exclude the others. Documented in docs/campaigns.md.
 */
public record ContactPolicy(int maxPerChannel, int maxTotal, int periodDays, boolean preferredChannelsOnly) {

    public static final ContactPolicy DEFAULTS = new ContactPolicy(4, 8, 30, true);

    public ContactPolicy {
        if (maxPerChannel < 1 || maxTotal < 1 || periodDays < 1 || periodDays > 366) {
            throw new IllegalArgumentException(
                    "the contact policy's limits must be positive, and its period 1 to 366 days");
        }
    }
}
