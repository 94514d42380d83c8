package org.clientele.events.campaign;

import java.util.Objects;
import java.util.UUID;

/** The identity of one operation (campaign), stable for life. */
public record CampaignId(UUID value) {

    public CampaignId {
        Objects.requireNonNull(value, "campaign id is required");
    }

    public static CampaignId newId() {
        return new CampaignId(UUID.randomUUID());
    }

    /** Parses the textual form used in URLs and payloads; rejects anything that is not a UUID. */
    public static CampaignId parse(String text) {
        try {
            return new CampaignId(UUID.fromString(
                    Objects.requireNonNull(text, "campaign id is required").trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("campaign id must be a UUID, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
