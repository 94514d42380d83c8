package org.clientele.events.customer;

import java.util.Objects;
import java.util.UUID;

/** The identity of one person in the customer file, stable for life. */
public record CustomerId(UUID value) {

    public CustomerId {
        Objects.requireNonNull(value, "customer id is required");
    }

    public static CustomerId newId() {
        return new CustomerId(UUID.randomUUID());
    }

    /** Parses the textual form used in URLs and payloads; rejects anything that is not a UUID. */
    public static CustomerId parse(String text) {
        try {
            return new CustomerId(UUID.fromString(
                    Objects.requireNonNull(text, "customer id is required").trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("customer id must be a UUID, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
