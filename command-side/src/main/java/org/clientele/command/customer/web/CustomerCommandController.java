package org.clientele.command.customer.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.clientele.command.customer.ContactNormaliser;
import org.clientele.command.customer.Outcome;
import org.clientele.command.customer.RegisterContact;
import org.clientele.command.customer.web.CustomerRequests.Accepted;
import org.clientele.command.customer.web.CustomerRequests.ChurnBody;
import org.clientele.command.customer.web.CustomerRequests.ConsentBody;
import org.clientele.command.customer.web.CustomerRequests.ContactBody;
import org.clientele.command.customer.web.CustomerRequests.PurchaseBody;
import org.clientele.command.customer.web.CustomerRequests.RegisterContactBody;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.metadata.MessageMetadata;
import org.clientele.platform.security.Roles;
import org.clientele.platform.web.RequestMetadata;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The write API for customers. Each call is one command; its answer says whether anything changed. */
@RestController
@RequestMapping("/api/customers")
@PreAuthorize(Roles.CAN_WRITE)
@Tag(name = "Customer commands")
class CustomerCommandController {

    private static final long TIMEOUT_SECONDS = 30;

    private final CommandGateway commandGateway;
    private final RequestMetadata requestMetadata;
    private final ContactNormaliser normaliser;

    CustomerCommandController(
            CommandGateway commandGateway, RequestMetadata requestMetadata, ContactNormaliser normaliser) {
        this.commandGateway = commandGateway;
        this.requestMetadata = requestMetadata;
        this.normaliser = normaliser;
    }

    @PostMapping
    @Operation(summary = "Register a contact as a prospect")
    ResponseEntity<Accepted> register(@RequestBody RegisterContactBody body, HttpServletRequest request) {
        RegisterContact command = CustomerRequestMapper.register(body, normaliser);
        Outcome outcome = send(command, request);
        Accepted accepted = accepted(command.customerId(), outcome, "REGISTERED", "ALREADY_REGISTERED", request);
        return outcome == Outcome.APPLIED
                ? ResponseEntity.created(URI.create("/api/customers/" + command.customerId()))
                        .body(accepted)
                : ResponseEntity.ok(accepted);
    }

    @PutMapping("/{id}/contact")
    @Operation(summary = "Replace a customer's contact details")
    Accepted updateContact(@PathVariable String id, @RequestBody ContactBody body, HttpServletRequest request) {
        CustomerId customerId = CustomerRequestMapper.customerId(id);
        Outcome outcome = send(CustomerRequestMapper.update(customerId, body, normaliser), request);
        return accepted(customerId, outcome, "UPDATED", "UNCHANGED", request);
    }

    @PostMapping("/{id}/purchases")
    @Operation(summary = "Record a purchase; the same order reference twice is recorded once")
    ResponseEntity<Accepted> recordPurchase(
            @PathVariable String id, @RequestBody PurchaseBody body, HttpServletRequest request) {
        CustomerId customerId = CustomerRequestMapper.customerId(id);
        Outcome outcome = send(CustomerRequestMapper.purchase(customerId, body), request);
        Accepted accepted = accepted(customerId, outcome, "RECORDED", "ALREADY_RECORDED", request);
        return ResponseEntity.status(outcome == Outcome.APPLIED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(accepted);
    }

    @PostMapping("/{id}/consents")
    @Operation(summary = "Grant a consent for a channel and purpose")
    Accepted grantConsent(@PathVariable String id, @RequestBody ConsentBody body, HttpServletRequest request) {
        CustomerId customerId = CustomerRequestMapper.customerId(id);
        Outcome outcome = send(CustomerRequestMapper.grant(customerId, body), request);
        return accepted(customerId, outcome, "GRANTED", "ALREADY_GRANTED", request);
    }

    @PostMapping("/{id}/consents/withdrawals")
    @Operation(summary = "Withdraw a consent for a channel and purpose")
    Accepted withdrawConsent(@PathVariable String id, @RequestBody ConsentBody body, HttpServletRequest request) {
        CustomerId customerId = CustomerRequestMapper.customerId(id);
        Outcome outcome = send(CustomerRequestMapper.withdraw(customerId, body), request);
        return accepted(customerId, outcome, "WITHDRAWN", "NOT_GRANTED", request);
    }

    @PostMapping("/{id}/churn")
    @Operation(summary = "Mark a customer as churned, with a reason")
    Accepted markChurned(@PathVariable String id, @RequestBody ChurnBody body, HttpServletRequest request) {
        CustomerId customerId = CustomerRequestMapper.customerId(id);
        Outcome outcome = send(CustomerRequestMapper.churn(customerId, body), request);
        return accepted(customerId, outcome, "CHURNED", "ALREADY_CHURNED", request);
    }

    @PutMapping("/{id}/preferences")
    @Operation(summary = "Record the customer's contact preferences: preferred channels, a message limit, a pause")
    Accepted setPreferences(
            @PathVariable String id, @RequestBody CustomerRequests.PreferencesBody body, HttpServletRequest request) {
        CustomerId customerId = CustomerRequestMapper.customerId(id);
        Outcome outcome = send(CustomerRequestMapper.preferences(customerId, body), request);
        return accepted(customerId, outcome, "UPDATED", "UNCHANGED", request);
    }

    @PostMapping("/{id}/merges")
    @Operation(summary = "Merge a duplicate into this customer, which keeps both histories")
    Accepted merge(@PathVariable String id, @RequestBody CustomerRequests.MergeBody body, HttpServletRequest request) {
        CustomerId survivor = CustomerRequestMapper.customerId(id);
        Outcome outcome = send(CustomerRequestMapper.merge(survivor, body), request);
        return accepted(survivor, outcome, "MERGED", "ALREADY_MERGED", request);
    }

    @PostMapping("/{id}/erasure")
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Operation(
            summary = "Erase a person's personal data for good (right to erasure); ADMIN only",
            description = "Destroys the key that encrypts the person's personal data in every event, and the data in"
                    + " every view. Purchases, amounts and consent dates stay, without the person. Merged duplicates"
                    + " are erased with the survivor. Later commands for the customer answer 410 ERASED.")
    Accepted erase(
            @PathVariable String id, @RequestBody CustomerRequests.ErasureBody body, HttpServletRequest request) {
        CustomerId customerId = CustomerRequestMapper.customerId(id);
        Outcome outcome = send(CustomerRequestMapper.erase(customerId, body), request);
        return accepted(customerId, outcome, "ERASED", "ALREADY_ERASED", request);
    }

    private Outcome send(Object command, HttpServletRequest request) {
        Map<String, String> metadata = requestMetadata.commandMetadata(request);
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata));
        return commandGateway.sendAndWait(message, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private Accepted accepted(
            CustomerId id, Outcome outcome, String applied, String unchanged, HttpServletRequest request) {
        String correlationId = requestMetadata.commandMetadata(request).get(MessageMetadata.CORRELATION_ID);
        return new Accepted(id.toString(), outcome == Outcome.APPLIED ? applied : unchanged, correlationId);
    }
}
