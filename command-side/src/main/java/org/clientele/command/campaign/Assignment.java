package org.clientele.command.campaign;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.campaign.Variant;
import org.clientele.events.customer.CustomerId;

/**
 * Which arm of a campaign a customer falls in: a stable hash of the campaign and the customer (SHA-256 of
 * "campaign:customer", its first 53 bits read as a number u in [0, 1)) decides. Below the control ratio the customer
 * is held out (CONTROL); above it, u is spread over the variants by their shares, in their order. The same campaign
 * and customer always give the same arm, in any process and in any replay.
 */
public final class Assignment {

    /** The arm of a campaign without variants. */
    public static final String MAIN = "MAIN";

    private Assignment() {}

    public static String of(CampaignId campaign, CustomerId customer, BigDecimal controlRatio, List<Variant> variants) {
        double u = uniform(campaign, customer);
        double control = controlRatio.doubleValue();
        if (u < control) {
            return AudienceMember.CONTROL;
        }
        if (variants.isEmpty()) {
            return MAIN;
        }
        double position = (u - control) / (1 - control);
        double cumulated = 0;
        for (Variant variant : variants) {
            cumulated += variant.share().doubleValue();
            if (position < cumulated) {
                return variant.code();
            }
        }
        return variants.get(variants.size() - 1).code(); // rounding of the shares' sum
    }

    static double uniform(CampaignId campaign, CustomerId customer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((campaign + ":" + customer).getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest).getLong() >>> 11; // 53 bits
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
