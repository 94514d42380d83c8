package org.clientele.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.CustomerId;
import org.clientele.platform.security.Roles;
import org.clientele.platform.web.DateParameters;
import org.clientele.platform.web.FieldErrors;
import org.clientele.query.consent.ConsentAudit;
import org.clientele.query.consent.ConsentJournal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The auditors' questions: what was allowed on a date, and is the consent ledger intact. */
@RestController
@PreAuthorize(Roles.CAN_AUDIT)
@Tag(name = "Consent audit")
class ConsentAuditController {

    private static final int MAX_PAGE_SIZE = 500;

    private final ConsentAudit audit;
    private final ConsentJournal journal;
    private final Clock clock;

    ConsentAuditController(ConsentAudit audit, ConsentJournal journal, Clock clock) {
        this.audit = audit;
        this.journal = journal;
        this.clock = clock;
    }

    @GetMapping("/api/consents/journal")
    @Operation(summary = "Every consent change, filtered by effective date range, channel, purpose, source and user")
    ConsentJournal.Page journal(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String user,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        FieldErrors errors = new FieldErrors();
        ConsentJournal.Filter filter = filter(errors, from, to, channel, purpose, source, user);
        if (page < 0) {
            errors.reject("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.reject("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        errors.throwIfAny();
        return journal.page(filter, page, size);
    }

    @GetMapping(path = "/api/consents/journal.csv", produces = "text/csv")
    @Operation(summary = "The filtered journal as CSV, every matching change")
    ResponseEntity<StreamingResponseBody> journalCsv(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String user) {
        FieldErrors errors = new FieldErrors();
        ConsentJournal.Filter filter = filter(errors, from, to, channel, purpose, source, user);
        errors.throwIfAny();
        StreamingResponseBody body = out -> {
            var writer = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
            try (var printer =
                    new org.apache.commons.csv.CSVPrinter(writer, org.apache.commons.csv.CSVFormat.DEFAULT)) {
                printer.printRecord(
                        "position",
                        "event_id",
                        "customer_id",
                        "change",
                        "channel",
                        "purpose",
                        "source",
                        "legal_basis",
                        "effective_at",
                        "recorded_at",
                        "user",
                        "source_system",
                        "correlation_id",
                        "proof_reference",
                        "expires_at",
                        "previous_hash",
                        "hash");
                journal.each(filter, change -> {
                    try {
                        printer.printRecord(
                                change.position(),
                                change.eventId(),
                                change.customerId(),
                                change.change(),
                                change.channel(),
                                change.purpose(),
                                change.source(),
                                change.legalBasis(),
                                change.effectiveAt(),
                                change.recordedAt(),
                                change.user(),
                                change.sourceSystem(),
                                change.correlationId(),
                                change.proofReference(),
                                change.expiresAt(),
                                change.previousHash(),
                                change.hash());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        };
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"consent-journal.csv\"")
                .contentType(MediaType.parseMediaType("text/csv"))
                .body(body);
    }

    private static ConsentJournal.Filter filter(
            FieldErrors errors, String from, String to, String channel, String purpose, String source, String user) {
        Instant fromInstant = errors.optional("from", from, DateParameters::startOfDay);
        Instant toInstant = errors.optional("to", to, DateParameters::startOfDay);
        Channel parsedChannel = errors.optional("channel", channel, ConsentAuditController::channel);
        ConsentPurpose parsedPurpose = errors.optional("purpose", purpose, ConsentPurpose::of);
        org.clientele.events.consent.ConsentSource parsedSource =
                errors.optional("source", source, org.clientele.events.consent.ConsentSource::of);
        return new ConsentJournal.Filter(
                fromInstant,
                toInstant,
                parsedChannel == null ? null : parsedChannel.name(),
                parsedPurpose == null ? null : parsedPurpose.value(),
                parsedSource == null ? null : parsedSource.value(),
                user == null || user.isBlank() ? null : user.strip());
    }

    private static Channel channel(String text) {
        try {
            return Channel.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not one of EMAIL, SMS, PHONE, POSTAL");
        }
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
        Channel parsedChannel = errors.required("channel", channel, ConsentAuditController::channel);
        ConsentPurpose parsedPurpose = errors.required("purpose", purpose, ConsentPurpose::of);
        Instant instant = at == null ? clock.instant() : errors.required("at", at, DateParameters::startOfDay);
        errors.throwIfAny();
        return audit.permission(customer, parsedChannel.name(), parsedPurpose.value(), instant);
    }

    @GetMapping("/api/consents/verification")
    @Operation(summary = "Recompute every customer's consent chain and name each entry altered, removed or inserted")
    ConsentAudit.Verification verify() {
        return audit.verify();
    }
}
