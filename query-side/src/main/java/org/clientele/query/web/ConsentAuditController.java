package org.clientele.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.CustomerId;
import org.clientele.platform.security.Roles;
import org.clientele.platform.web.FieldErrors;
import org.clientele.query.consent.ConsentAudit;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditors' questions: what was allowed on a date, and is the consent ledger intact. */
@RestController
@PreAuthorize(Roles.CAN_AUDIT)
@Tag(name = "Consent audit")
class ConsentAuditController {

    private final ConsentAudit audit;
    private final Clock clock;

    ConsentAuditController(ConsentAudit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param at an instant, or a date meaning the start of that day (UTC); now when absent
     */
    @GetMapping("/api/customers/{id}/consents/allowed")
    @Operation(
            summary = "Whether a customer could be contacted on a channel for a purpose at a date, and on what basis")
    ConsentAudit.Permission allowed(
            @PathVariable String id,
            @RequestParam String channel,
            @RequestParam(defaultValue = "marketing") String purpose,
            @RequestParam(required = false) String at) {
        FieldErrors errors = new FieldErrors();
        CustomerId customer = errors.required("id", id, CustomerId::parse);
        Channel parsedChannel = errors.required("channel", channel, text -> {
            try {
                return Channel.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not one of EMAIL, SMS, PHONE, POSTAL");
            }
        });
        ConsentPurpose parsedPurpose = errors.required("purpose", purpose, ConsentPurpose::of);
        Instant instant = at == null ? clock.instant() : errors.required("at", at, ConsentAuditController::instant);
        errors.throwIfAny();
        return audit.permission(customer, parsedChannel.name(), parsedPurpose.value(), instant);
    }

    @GetMapping("/api/consents/verification")
    @Operation(summary = "Recompute every customer's consent chain and name each entry altered, removed or inserted")
    ConsentAudit.Verification verify() {
        return audit.verify();
    }

    private static Instant instant(String text) {
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a date (2024-03-01) or an instant " + "(2024-03-01T12:00:00Z)");
        }
    }
}
