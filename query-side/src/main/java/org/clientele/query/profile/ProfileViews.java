package org.clientele.query.profile;

import java.math.RoundingMode;
import java.util.List;
import org.clientele.query.customer.CustomerFeatures;
import org.clientele.query.customer.LifecyclePhase;

/** Shapes rows into the views the API answers. */
final class ProfileViews {

    private ProfileViews() {}

    static CustomerProfileView profile(ProfileRow row, List<ConsentRow> consents, CustomerFeatures features) {
        var name = row.firstName == null && row.lastName == null
                ? null
                : new CustomerProfileView.Name(row.firstName, row.lastName);
        var address = row.street == null && row.postalCode == null && row.city == null && row.country == null
                ? null
                : new CustomerProfileView.Address(row.street, row.postalCode, row.city, row.country);
        var origin = new CustomerProfileView.Origin(row.originSource, row.originChannel, row.originCampaign);
        var consentViews = consents.stream()
                .map(consent -> new CustomerProfileView.Consent(
                        consent.channel(),
                        consent.purpose(),
                        consent.granted() ? "GRANTED" : "WITHDRAWN",
                        consent.source(),
                        consent.legalBasis(),
                        consent.changedAt()))
                .toList();
        var netSpent = features.netSpent().entrySet().stream()
                .map(entry -> new CustomerProfileView.Amount(
                        entry.getValue()
                                .setScale(
                                        Math.max(entry.getKey().getDefaultFractionDigits(), 0), RoundingMode.HALF_EVEN),
                        entry.getKey().getCurrencyCode()))
                .toList();
        var purchases = new CustomerProfileView.Purchases(
                features.purchaseCount(), features.firstPurchaseAt(), features.lastPurchaseAt(), netSpent);
        var churn = row.churnedAt == null
                ? null
                : new CustomerProfileView.Churn(row.churnedAt, row.churnReason, row.churnDetail);
        var lifecycle =
                new CustomerProfileView.Lifecycle(features.phase(), features.asOf(), features.phaseValidUntil());
        List<String> invalid = row.invalidFields == null ? List.of() : List.of(row.invalidFields.split(","));
        return new CustomerProfileView(
                row.customerId.toString(),
                name,
                row.email,
                row.phone,
                address,
                origin,
                row.registeredAt,
                consentViews,
                purchases,
                churn,
                lifecycle,
                invalid,
                row.mergedInto == null ? null : row.mergedInto.toString(),
                row.erasedAt == null ? null : new CustomerProfileView.Erasure(row.erasedAt, row.erasureReference),
                null);
    }

    static CustomerPage.Summary summary(ProfileRow row) {
        return new CustomerPage.Summary(
                row.customerId.toString(),
                row.firstName,
                row.lastName,
                row.email,
                LifecyclePhase.valueOf(row.phase),
                row.purchaseCount,
                row.lastPurchaseAt);
    }
}
