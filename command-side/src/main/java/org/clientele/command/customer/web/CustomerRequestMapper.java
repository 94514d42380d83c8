package org.clientele.command.customer.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.clientele.command.customer.ContactNormaliser;
import org.clientele.command.customer.EraseCustomer;
import org.clientele.command.customer.GrantConsent;
import org.clientele.command.customer.MarkChurned;
import org.clientele.command.customer.MergeCustomers;
import org.clientele.command.customer.RecordPurchase;
import org.clientele.command.customer.RegisterContact;
import org.clientele.command.customer.SetPreferences;
import org.clientele.command.customer.UpdateContactDetails;
import org.clientele.command.customer.WithdrawConsent;
import org.clientele.command.customer.web.CustomerRequests.Address;
import org.clientele.command.customer.web.CustomerRequests.ChurnBody;
import org.clientele.command.customer.web.CustomerRequests.ConsentBody;
import org.clientele.command.customer.web.CustomerRequests.LineBody;
import org.clientele.command.customer.web.CustomerRequests.PurchaseBody;
import org.clientele.command.customer.web.CustomerRequests.RegisterContactBody;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.consent.ConsentSource;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.InvalidValue;
import org.clientele.events.customer.Origin;
import org.clientele.events.purchase.Money;
import org.clientele.events.purchase.OrderReference;
import org.clientele.events.purchase.PurchaseLine;
import org.clientele.events.purchase.Sku;
import org.clientele.platform.web.FieldErrors;

/**
 * Turns request bodies into commands. Each value type checks its own invariant; a refusal is reported against
 * the JSON field it came from, and all refusals of one request are reported together.
 */
final class CustomerRequestMapper {

    /** Lines per purchase: a receipt, not a catalogue; an event stays small enough to load a customer quickly. */
    static final int MAX_LINES = 1_000;

    private CustomerRequestMapper() {}

    static CustomerId customerId(String text) {
        FieldErrors errors = new FieldErrors();
        CustomerId id = errors.required("id", text, CustomerId::parse);
        errors.throwIfAny();
        return id;
    }

    static RegisterContact register(RegisterContactBody body, ContactNormaliser normaliser) {
        FieldErrors errors = new FieldErrors();
        CustomerId id = body.customerId() == null ? CustomerId.newId() : new CustomerId(body.customerId());
        ContactDetails contact = contact(
                errors, normaliser, body.firstName(), body.lastName(), body.email(), body.phone(), body.address());
        Origin origin = null;
        if (body.origin() == null) {
            errors.reject("origin", "is required");
        } else {
            origin = errors.required(
                    "origin.source",
                    body.origin().source(),
                    source -> new Origin(
                            source, body.origin().channel(), body.origin().campaign()));
        }
        errors.throwIfAny();
        return new RegisterContact(id, contact, origin, body.registeredAt());
    }

    static UpdateContactDetails update(CustomerId id, CustomerRequests.ContactBody body, ContactNormaliser normaliser) {
        FieldErrors errors = new FieldErrors();
        ContactDetails contact = contact(
                errors, normaliser, body.firstName(), body.lastName(), body.email(), body.phone(), body.address());
        errors.throwIfAny();
        return new UpdateContactDetails(id, contact);
    }

    static RecordPurchase purchase(CustomerId id, PurchaseBody body) {
        FieldErrors errors = new FieldErrors();
        OrderReference reference = errors.required("orderReference", body.orderReference(), OrderReference::of);
        Currency currency = errors.required("currency", body.currency(), Currency::getInstance);
        Money amount = null;
        if (body.amount() == null) {
            errors.reject("amount", "is required");
        } else if (body.amount().signum() < 0) {
            errors.reject("amount", "must not be negative");
        } else if (currency != null) {
            amount = errors.required("amount", body.amount(), value -> new Money(value, currency));
        }
        if (body.channel() == null) {
            errors.reject("channel", "is required");
        }
        List<PurchaseLine> lines = new ArrayList<>();
        List<LineBody> given = body.lines() == null ? List.of() : body.lines();
        if (given.size() > MAX_LINES) {
            errors.reject("lines", "must hold at most " + MAX_LINES + " lines");
            errors.throwIfAny();
        }
        for (int i = 0; i < given.size(); i++) {
            PurchaseLine line = line(errors, "lines[" + i + "]", given.get(i), currency);
            if (line != null) {
                lines.add(line);
            }
        }
        errors.throwIfAny();
        return new RecordPurchase(id, reference, body.purchasedAt(), amount, lines, body.channel());
    }

    static GrantConsent grant(CustomerId id, ConsentBody body) {
        FieldErrors errors = new FieldErrors();
        requireConsentFields(errors, body);
        if (body.legalBasis() == null) {
            errors.reject("legalBasis", "is required");
        }
        ConsentPurpose purpose = errors.required("purpose", body.purpose(), ConsentPurpose::of);
        ConsentSource source = errors.required("source", body.source(), ConsentSource::of);
        errors.throwIfAny();
        return new GrantConsent(
                id,
                body.channel(),
                purpose,
                source,
                body.legalBasis(),
                body.effectiveAt(),
                body.proofReference() == null || body.proofReference().isBlank()
                        ? null
                        : body.proofReference().strip(),
                body.expiresAt());
    }

    static WithdrawConsent withdraw(CustomerId id, ConsentBody body) {
        FieldErrors errors = new FieldErrors();
        requireConsentFields(errors, body);
        ConsentPurpose purpose = errors.required("purpose", body.purpose(), ConsentPurpose::of);
        ConsentSource source = errors.required("source", body.source(), ConsentSource::of);
        errors.throwIfAny();
        return new WithdrawConsent(id, body.channel(), purpose, source, body.legalBasis(), body.effectiveAt());
    }

    static EraseCustomer erase(CustomerId id, CustomerRequests.ErasureBody body) {
        FieldErrors errors = new FieldErrors();
        String reference =
                body.requestReference() == null ? null : body.requestReference().strip();
        if (reference == null || reference.isEmpty()) {
            errors.reject("requestReference", "is required: the reference of the erasure request in your records");
        } else if (reference.length() > 200) {
            errors.reject("requestReference", "is longer than 200 characters");
        }
        if (body.requestedBy() == null) {
            errors.reject("requestedBy", "is required: DATA_SUBJECT, REPRESENTATIVE, AUTHORITY or COMPANY");
        }
        errors.throwIfAny();
        return new EraseCustomer(id, reference, body.requestedBy());
    }

    static MarkChurned churn(CustomerId id, ChurnBody body) {
        FieldErrors errors = new FieldErrors();
        if (body.reason() == null) {
            errors.reject("reason", "is required");
        }
        if (body.detail() != null && body.detail().length() > 2000) {
            errors.reject("detail", "is longer than 2000 characters");
        }
        errors.throwIfAny();
        String detail = body.detail() == null || body.detail().isBlank()
                ? null
                : body.detail().strip();
        return new MarkChurned(id, body.reason(), detail, body.churnedAt());
    }

    static SetPreferences preferences(CustomerId id, CustomerRequests.PreferencesBody body) {
        FieldErrors errors = new FieldErrors();
        if ((body.maxMessages() == null) != (body.periodDays() == null)) {
            errors.reject(
                    body.maxMessages() == null ? "maxMessages" : "periodDays",
                    "maxMessages and periodDays go together: give both, or neither for no limit");
        }
        if (body.maxMessages() != null && body.maxMessages() < 0) {
            errors.reject("maxMessages", "must be 0 or more");
        }
        if (body.periodDays() != null && (body.periodDays() < 1 || body.periodDays() > 366)) {
            errors.reject("periodDays", "must be between 1 and 366");
        }
        errors.throwIfAny();
        return new SetPreferences(
                id, body.preferredChannels(), body.maxMessages(), body.periodDays(), body.pausedUntil(), null);
    }

    static MergeCustomers merge(CustomerId survivor, CustomerRequests.MergeBody body) {
        FieldErrors errors = new FieldErrors();
        CustomerId duplicate = errors.required("duplicateId", body.duplicateId(), CustomerId::parse);
        if (body.reason() != null && body.reason().length() > 500) {
            errors.reject("reason", "is longer than 500 characters");
        }
        errors.throwIfAny();
        return new MergeCustomers(survivor, duplicate, body.reason());
    }

    private static void requireConsentFields(FieldErrors errors, ConsentBody body) {
        if (body.channel() == null) {
            errors.reject("channel", "is required");
        }
    }

    private static PurchaseLine line(FieldErrors errors, String field, LineBody body, Currency currency) {
        if (body == null) {
            errors.reject(field, "is required");
            return null;
        }
        Sku sku = errors.required(field + ".sku", body.sku(), Sku::of);
        if (body.quantity() == null) {
            errors.reject(field + ".quantity", "is required");
        } else if (body.quantity() <= 0) {
            errors.reject(field + ".quantity", "must be positive");
        }
        BigDecimal price = body.unitPrice();
        if (price == null) {
            errors.reject(field + ".unitPrice", "is required");
        } else if (price.signum() < 0) {
            errors.reject(field + ".unitPrice", "must not be negative");
        }
        if (sku == null
                || currency == null
                || body.quantity() == null
                || body.quantity() <= 0
                || price == null
                || price.signum() < 0) {
            return null;
        }
        Money unitPrice = errors.required(field + ".unitPrice", price, value -> new Money(value, currency));
        return unitPrice == null ? null : new PurchaseLine(sku, body.quantity(), unitPrice);
    }

    /** The API refuses what an import would flag: each value that fails normalisation is a field error. */
    private static ContactDetails contact(
            FieldErrors errors,
            ContactNormaliser normaliser,
            String firstName,
            String lastName,
            String email,
            String phone,
            Address address) {
        ContactDetails contact = normaliser.normalise(new ContactNormaliser.RawContact(
                firstName,
                lastName,
                email,
                phone,
                address == null ? null : address.street(),
                address == null ? null : address.postalCode(),
                address == null ? null : address.city(),
                address == null ? null : address.country()));
        for (InvalidValue invalid : contact.invalid()) {
            errors.reject(invalid.field().equals("country") ? "address.country" : invalid.field(), invalid.reason());
        }
        return contact;
    }
}
