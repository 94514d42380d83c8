package org.clientele.command.customer.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.LegalBasis;
import org.clientele.events.customer.ChurnReason;
import org.clientele.events.purchase.SalesChannel;

/** The JSON bodies of the write API, in plain types; {@link CustomerRequestMapper} turns them into commands. */
final class CustomerRequests {

    private CustomerRequests() {}

    record Address(String street, String postalCode, String city, String country) {}

    record OriginBody(String source, String channel, String campaign) {}

    /** {@code customerId} is optional: give one to make retries of the same registration safe. */
    record RegisterContactBody(
            UUID customerId,
            String firstName,
            String lastName,
            String email,
            String phone,
            Address address,
            OriginBody origin,
            Instant registeredAt) {}

    record ContactBody(String firstName, String lastName, String email, String phone, Address address) {}

    record LineBody(String sku, Integer quantity, BigDecimal unitPrice) {}

    record PurchaseBody(
            String orderReference,
            Instant purchasedAt,
            BigDecimal amount,
            String currency,
            List<LineBody> lines,
            SalesChannel channel) {}

    record ConsentBody(
            Channel channel,
            String purpose,
            String source,
            LegalBasis legalBasis,
            Instant effectiveAt,
            String proofReference,
            Instant expiresAt) {}

    record PreferencesBody(
            java.util.Set<org.clientele.events.consent.Channel> preferredChannels,
            Integer maxMessages,
            Integer periodDays,
            Instant pausedUntil) {}

    record ChurnBody(ChurnReason reason, String detail, Instant churnedAt) {}

    record MergeBody(String duplicateId, String reason) {}

    /** {@code requestReference} names the request in the company's records; never put the person's name in it. */
    record ErasureBody(String requestReference, org.clientele.events.customer.ErasureRequester requestedBy) {}

    /** What every accepted command answers: which customer, what happened, and the request's correlation id. */
    record Accepted(String customerId, String outcome, String correlationId) {}
}
