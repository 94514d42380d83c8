package org.clientele.query.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.clientele.query.customer.LifecyclePhase;
import org.clientele.query.preference.PreferenceProjection;

/** A customer's profile as the read API answers it. */
public record CustomerProfileView(
        String customerId,
        Name name,
        String email,
        String phone,
        Address address,
        Origin origin,
        Instant registeredAt,
        List<Consent> consents,
        Purchases purchases,
        Churn churn,
        Lifecycle lifecycle,
        List<String> invalidFields,
        String mergedInto,
        Erasure erasure,
        PreferenceProjection.Preferences preferences) {

    /** The same profile, with the preference centre's settings in force. */
    public CustomerProfileView withPreferences(PreferenceProjection.Preferences settings) {
        return new CustomerProfileView(
                customerId,
                name,
                email,
                phone,
                address,
                origin,
                registeredAt,
                consents,
                purchases,
                churn,
                lifecycle,
                invalidFields,
                mergedInto,
                erasure,
                settings);
    }

    /** Present when the person was erased: their personal details are gone, their facts stay. */
    public record Erasure(Instant erasedAt, String requestReference) {}

    public record Name(String firstName, String lastName) {}

    public record Address(String street, String postalCode, String city, String country) {}

    public record Origin(String source, String channel, String campaign) {}

    public record Consent(
            String channel, String purpose, String state, String source, String legalBasis, Instant changedAt) {}

    public record Purchases(int count, Instant firstPurchaseAt, Instant lastPurchaseAt, List<Amount> netSpent) {}

    public record Amount(BigDecimal amount, String currency) {}

    public record Churn(Instant churnedAt, String reason, String detail) {}

    /** The phase as of {@code referenceDate}, and until when the passage of time alone leaves it so. */
    public record Lifecycle(LifecyclePhase phase, Instant referenceDate, Instant validUntil) {}
}
