package org.clientele.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.clientele.events.customer.CustomerId;
import org.clientele.platform.security.Roles;
import org.clientele.platform.web.DateParameters;
import org.clientele.platform.web.FieldErrors;
import org.clientele.platform.web.ProblemException;
import org.clientele.query.consent.ConsentChange;
import org.clientele.query.consent.FindConsentHistory;
import org.clientele.query.customer.LifecyclePhase;
import org.clientele.query.preference.PreferenceProjection;
import org.clientele.query.privacy.AccessExport;
import org.clientele.query.profile.CustomerPage;
import org.clientele.query.profile.CustomerProfileView;
import org.clientele.query.profile.FindCustomerProfile;
import org.clientele.query.profile.FindCustomersByPhase;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read API for customers. Views are eventually consistent: a command's effect shows here once the
 * projection has processed its event, normally within milliseconds.
 */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customer views")
class CustomerQueryController {

    static final int MAX_PAGE_SIZE = 500;

    private final QueryGateway queryGateway;
    private final AccessExport accessExport;
    private final java.time.Clock clock;

    private final PreferenceProjection preferences;

    CustomerQueryController(
            QueryGateway queryGateway,
            AccessExport accessExport,
            java.time.Clock clock,
            PreferenceProjection preferences) {
        this.preferences = preferences;
        this.queryGateway = queryGateway;
        this.accessExport = accessExport;
        this.clock = clock;
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.CAN_READ)
    @Operation(
            summary = "A customer's profile, with its lifecycle phase and preference settings as of now",
            description = "The preferences as of any other date: GET /api/customers/{id}/preferences?asOf=...")
    ResponseEntity<CustomerProfileView> profile(@PathVariable String id) {
        CustomerId customerId = customerId(id);
        Optional<CustomerProfileView> profile = queryGateway
                .query(new FindCustomerProfile(customerId), ResponseTypes.optionalInstanceOf(CustomerProfileView.class))
                .join();
        CustomerProfileView view = profile.orElseThrow(() ->
                ProblemException.notFound("CUSTOMER_NOT_FOUND", "No customer " + id + " is known to the read side."));
        if (view.mergedInto() != null) {
            // a merged duplicate's id leads to its survivor, permanently
            return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT)
                    .location(URI.create("/api/customers/" + view.mergedInto()))
                    .build();
        }
        return ResponseEntity.ok(view.withPreferences(
                preferences.asOf(customerId.value(), clock.instant()).orElse(null)));
    }

    @GetMapping
    @PreAuthorize(Roles.CAN_READ)
    @Operation(summary = "Customers page by page, optionally in one lifecycle phase")
    CustomerPage list(
            @RequestParam(required = false) LifecyclePhase phase,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        FieldErrors errors = new FieldErrors();
        if (page < 0) {
            errors.reject("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.reject("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        errors.throwIfAny();
        return queryGateway
                .query(new FindCustomersByPhase(phase, page, size), CustomerPage.class)
                .join();
    }

    @GetMapping("/{id}/consents/history")
    @PreAuthorize(Roles.CAN_AUDIT)
    @Operation(summary = "Every consent change of a customer, in order, with who made it")
    List<ConsentChange> consentHistory(@PathVariable String id) {
        return queryGateway
                .query(new FindConsentHistory(customerId(id)), ResponseTypes.multipleInstancesOf(ConsentChange.class))
                .join();
    }

    /**
     * @param asOf an instant (2024-03-01T12:00:00Z) or a date, meaning the end of that day (UTC); now when absent
     */
    @GetMapping("/{id}/preferences")
    @PreAuthorize(Roles.CAN_READ)
    @Operation(summary = "The customer's preference-centre settings, as of now or a past date")
    PreferenceProjection.Preferences preferences(@PathVariable String id, @RequestParam(required = false) String asOf) {
        FieldErrors errors = new FieldErrors();
        CustomerId customerId = errors.required("id", id, CustomerId::parse);
        Instant at = asOf == null ? clock.instant() : errors.required("asOf", asOf, DateParameters::endOfDay);
        errors.throwIfAny();
        return preferences
                .asOf(customerId.value(), at)
                .orElseGet(() -> new PreferenceProjection.Preferences(
                        customerId.toString(), at, null, List.of(), null, null, null, false));
    }

    /** Everything held on one person, in one answer: the right of access. */
    record AccessAnswer(
            String customerId,
            Instant generatedAt,
            String status,
            CustomerProfileView profile,
            List<ConsentChange> consentHistory,
            List<AccessExport.Purchase> purchases,
            List<AccessExport.RecordedEvent> events) {}

    @GetMapping("/{id}/access-export")
    @PreAuthorize(Roles.CAN_AUDIT)
    @Operation(
            summary = "Right of access: the profile, the consents with their history, the purchases and every "
                    + "recorded event of one person",
            description = "status is ERASED once the person was erased: every personal part then reads [erased].")
    AccessAnswer accessExport(@PathVariable String id) {
        CustomerId customerId = customerId(id);
        CustomerProfileView profile = queryGateway
                .query(new FindCustomerProfile(customerId), ResponseTypes.optionalInstanceOf(CustomerProfileView.class))
                .join()
                .orElseThrow(() -> ProblemException.notFound(
                        "CUSTOMER_NOT_FOUND", "No customer " + id + " is known to the read side."));
        List<ConsentChange> consents = queryGateway
                .query(new FindConsentHistory(customerId), ResponseTypes.multipleInstancesOf(ConsentChange.class))
                .join();
        return new AccessAnswer(
                customerId.toString(),
                clock.instant(),
                profile.erasure() == null ? "HELD" : "ERASED",
                profile.withPreferences(
                        preferences.asOf(customerId.value(), clock.instant()).orElse(null)),
                consents,
                accessExport.purchases(customerId.value()),
                accessExport.events(customerId.value()));
    }

    private static CustomerId customerId(String id) {
        FieldErrors errors = new FieldErrors();
        CustomerId customerId = errors.required("id", id, CustomerId::parse);
        errors.throwIfAny();
        return customerId;
    }
}
