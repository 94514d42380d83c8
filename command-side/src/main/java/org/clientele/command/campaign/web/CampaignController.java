package org.clientele.command.campaign.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.clientele.command.campaign.CampaignDirectory;
import org.clientele.command.campaign.CampaignRules;
import org.clientele.command.campaign.CloseCampaign;
import org.clientele.command.campaign.ContactGate;
import org.clientele.command.campaign.DefineCampaign;
import org.clientele.command.campaign.LaunchCampaign;
import org.clientele.command.customer.CustomerRejected;
import org.clientele.command.customer.Outcome;
import org.clientele.command.customer.RecordDeliveryOutcome;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.campaign.Variant;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.metadata.MessageMetadata;
import org.clientele.events.purchase.Money;
import org.clientele.events.segment.FindSegmentMembers;
import org.clientele.events.segment.SegmentMembers;
import org.clientele.platform.security.Roles;
import org.clientele.platform.web.DateParameters;
import org.clientele.platform.web.FieldErrors;
import org.clientele.platform.web.ProblemException;
import org.clientele.platform.web.RequestMetadata;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The campaign write API: define, launch on an audience, ask the contact-policy gate, report delivery outcomes,
 * close. docs/campaigns.md describes the rules.
 */
@RestController
@RequestMapping("/api/campaigns")
@PreAuthorize(Roles.CAN_WRITE)
@Tag(name = "Campaign commands")
class CampaignController {

    private static final long TIMEOUT_SECONDS = 30;
    /** A listed audience must fit a request body (clientele.http.max-body-size); larger ones launch on a segment. */
    private static final int MAX_AUDIENCE = 100_000;

    private static final int MAX_BATCH = 10_000;
    /** Decisions are listed one by one up to this many; beyond, the answer gives the counts (the list is a CSV). */
    private static final int MAX_LISTED = 10_000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CampaignDirectory directory;
    private final ContactGate gate;
    private final RequestMetadata requestMetadata;
    private final Clock clock;

    CampaignController(
            CommandGateway commands,
            QueryGateway queries,
            CampaignDirectory directory,
            ContactGate gate,
            RequestMetadata requestMetadata,
            Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.directory = directory;
        this.gate = gate;
        this.requestMetadata = requestMetadata;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Define a campaign: channel, offer, cost, attribution window, control ratio and variants")
    ResponseEntity<CampaignRequests.Defined> define(
            @RequestBody CampaignRequests.DefineBody body, HttpServletRequest request) {
        DefineCampaign command = defineCommand(body);
        if (directory.campaign(command.campaignId()).isPresent()) {
            return ResponseEntity.ok(new CampaignRequests.Defined(
                    command.campaignId().toString(), "ALREADY_DEFINED", correlationId(request)));
        }
        try {
            send(command, request);
        } catch (org.axonframework.modelling.command.AggregateStreamCreationException
                | org.axonframework.modelling.command.ConcurrencyException e) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "CAMPAIGN_ID_TAKEN",
                    "The id " + command.campaignId() + " is taken: by another campaign being defined at the same"
                            + " time, or by a customer. Give another campaignId, or none.");
        }
        return ResponseEntity.created(URI.create("/api/campaigns/" + command.campaignId()))
                .body(new CampaignRequests.Defined(command.campaignId().toString(), "DEFINED", correlationId(request)));
    }

    @PostMapping("/{id}/launch")
    @Operation(
            summary = "Launch a campaign on an explicit list of customers or on a segment, frozen at launch",
            description = "Each member is assigned to the control group or a variant by a stable hash of the campaign"
                    + " and the customer. A segment is {view: lifecycle|rfm|tiers, segment, asOf}.")
    CampaignRequests.Launched launch(
            @PathVariable String id, @RequestBody CampaignRequests.LaunchBody body, HttpServletRequest request) {
        CampaignId campaignId = known(id).campaignId();
        FieldErrors errors = new FieldErrors();
        boolean list = body.customerIds() != null;
        boolean segment = body.segment() != null;
        if (list == segment) {
            errors.reject("customerIds", "give either customerIds or segment");
        }
        if (list && (body.customerIds().isEmpty() || body.customerIds().size() > MAX_AUDIENCE)) {
            errors.reject("customerIds", "must hold 1 to " + MAX_AUDIENCE + " customers");
        } else if (list && body.customerIds().contains(null)) {
            errors.reject("customerIds", "must not hold null");
        }
        FindSegmentMembers query = segment ? segmentQuery(errors, body.segment()) : null;
        errors.throwIfAny();
        List<LaunchCampaign.Candidate> candidates = new ArrayList<>();
        String audience;
        if (list) {
            Map<UUID, String> phases = phasesAtLaunch(body.customerIds());
            body.customerIds()
                    .forEach(customer -> candidates.add(new LaunchCampaign.Candidate(
                            new CustomerId(customer),
                            phases.containsKey(customer) ? "lifecycle " + phases.get(customer) : null)));
            audience = "explicit list";
        } else {
            SegmentMembers members;
            try {
                members = queries.query(query, SegmentMembers.class).join();
            } catch (NoHandlerForQueryException | java.util.concurrent.CompletionException e) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                if (cause instanceof NoHandlerForQueryException) {
                    throw new ProblemException(
                            HttpStatus.UNPROCESSABLE_ENTITY,
                            "SEGMENT_VIEWS_UNAVAILABLE",
                            "The segment views are not in this process (the command side runs alone); launch with"
                                    + " the list from GET /api/segments/... on the query side as customerIds.");
                }
                FieldErrors invalid = new FieldErrors();
                invalid.reject("segment.segment", String.valueOf(cause.getMessage()));
                invalid.throwIfAny();
                throw e;
            }
            members.customerIds()
                    .forEach(customer ->
                            candidates.add(new LaunchCampaign.Candidate(new CustomerId(customer), query.label())));
            audience = "segment " + query.label() + " as of " + query.asOf();
        }
        Outcome outcome = send(new LaunchCampaign(campaignId, audience, candidates), request);
        Map<String, Long> arms = directory.arms(campaignId);
        return new CampaignRequests.Launched(
                campaignId.toString(),
                outcome == Outcome.APPLIED ? "LAUNCHED" : "ALREADY_LAUNCHED",
                arms.values().stream().mapToLong(Long::longValue).sum(),
                arms);
    }

    @PostMapping("/{id}/close")
    @Operation(summary = "Close a campaign: no more contacts; its results are final")
    CampaignRequests.Defined close(@PathVariable String id, HttpServletRequest request) {
        CampaignId campaignId = known(id).campaignId();
        Outcome outcome = send(new CloseCampaign(campaignId), request);
        return new CampaignRequests.Defined(
                campaignId.toString(),
                outcome == Outcome.APPLIED ? "CLOSED" : "ALREADY_CLOSED",
                correlationId(request));
    }

    @PostMapping("/{id}/contact-requests")
    @Operation(
            summary = "The contact-policy gate: may these customers be contacted for this campaign?",
            description = "Give customerId for one customer, customerIds for many, or wholeAudience: true for the"
                    + " campaign's whole frozen audience. Each answer is APPROVED (with the"
                    + " customer's variant) or REFUSED with a reason: NO_CONSENT, ADDRESS_INVALID,"
                    + " PRESSURE_CAP_CHANNEL, PRESSURE_CAP_TOTAL, PAUSED, NOT_PREFERRED_CHANNEL, ERASED,"
                    + " CONTROL_GROUP, NOT_IN_AUDIENCE, CAMPAIGN_NOT_RUNNING. Approved contacts count toward pressure.")
    CampaignRequests.Decisions contactRequests(
            @PathVariable String id,
            @RequestBody CampaignRequests.ContactRequestBody body,
            HttpServletRequest request) {
        CampaignDirectory.Entry campaign = known(id);
        List<List<UUID>> batches;
        if (Boolean.TRUE.equals(body.wholeAudience())) {
            if (body.customerId() != null || body.customerIds() != null) {
                FieldErrors errors = new FieldErrors();
                errors.reject("wholeAudience", "give wholeAudience, or customerId(s), not both");
                errors.throwIfAny();
            }
            batches = directory.audienceInBatches(campaign.campaignId(), 1_000);
        } else {
            batches = List.of(customers(body.customerId(), body.customerIds()));
        }
        int requested = batches.stream().mapToInt(List::size).sum();
        boolean listed = requested <= MAX_LISTED;
        List<CampaignRequests.Decision> decisions = new ArrayList<>();
        Map<String, Long> refused = new TreeMap<>();
        long approved = 0;
        long failed = 0;
        for (List<UUID> batch : batches) {
            for (ContactGate.Answer answer : gate.request(campaign, batch, requestMetadata.commandMetadata(request))) {
                CampaignRequests.Decision decision;
                if (answer.error() != null) {
                    failed++;
                    decision = new CampaignRequests.Decision(
                            answer.customerId().toString(), null, null, null, answer.error());
                } else if (answer.decision().approved()) {
                    approved++;
                    decision = new CampaignRequests.Decision(
                            answer.customerId().toString(),
                            "APPROVED",
                            null,
                            answer.decision().variant(),
                            null);
                } else {
                    refused.merge(answer.decision().reason().name(), 1L, Long::sum);
                    decision = new CampaignRequests.Decision(
                            answer.customerId().toString(),
                            "REFUSED",
                            answer.decision().reason().name(),
                            null,
                            null);
                }
                if (listed) {
                    decisions.add(decision);
                }
            }
        }
        return new CampaignRequests.Decisions(
                campaign.campaignId().toString(), requested, approved, refused, failed, listed, decisions);
    }

    @PostMapping("/{id}/outcomes")
    @Operation(
            summary = "Report delivery outcomes: SENT, DELIVERED, SOFT_BOUNCE, HARD_BOUNCE, OPENED, CLICKED,"
                    + " UNSUBSCRIBED, COMPLAINED",
            description = "One in the body, or many in outcomes. A hard bounce makes the channel's address invalid"
                    + " until the contact details change; an unsubscription withdraws the consent.")
    List<CampaignRequests.Recorded> outcomes(
            @PathVariable String id, @RequestBody CampaignRequests.OutcomeBody body, HttpServletRequest request) {
        CampaignDirectory.Entry campaign = known(id);
        FieldErrors errors = new FieldErrors();
        List<CampaignRequests.OutcomeItem> items = new ArrayList<>();
        if (body.outcomes() != null) {
            if (body.customerId() != null || body.outcome() != null) {
                errors.reject("outcomes", "give one outcome or a list, not both");
            }
            if (body.outcomes().isEmpty() || body.outcomes().size() > MAX_BATCH) {
                errors.reject("outcomes", "must hold 1 to " + MAX_BATCH + " outcomes");
            }
            items.addAll(body.outcomes());
        } else {
            items.add(new CampaignRequests.OutcomeItem(body.customerId(), body.outcome(), body.occurredAt()));
        }
        for (int i = 0; i < items.size(); i++) {
            String prefix = body.outcomes() == null ? "" : "outcomes[" + i + "].";
            if (items.get(i) == null || items.get(i).customerId() == null) {
                errors.reject(prefix + "customerId", "is required");
            } else if (items.get(i).outcome() == null) {
                errors.reject(prefix + "outcome", "is required");
            }
        }
        errors.throwIfAny();
        List<CampaignRequests.Recorded> recorded = new ArrayList<>(items.size());
        for (CampaignRequests.OutcomeItem item : items) {
            try {
                Outcome outcome = send(
                        new RecordDeliveryOutcome(
                                new CustomerId(item.customerId()),
                                campaign.campaignId(),
                                campaign.purpose(),
                                item.outcome(),
                                item.occurredAt()),
                        request);
                recorded.add(new CampaignRequests.Recorded(
                        item.customerId().toString(),
                        outcome == Outcome.APPLIED ? "RECORDED" : "ALREADY_RECORDED",
                        null));
            } catch (AggregateNotFoundException e) {
                recorded.add(new CampaignRequests.Recorded(item.customerId().toString(), null, "CUSTOMER_NOT_FOUND"));
            } catch (CustomerRejected e) {
                recorded.add(new CampaignRequests.Recorded(
                        item.customerId().toString(), null, e.rejection().name()));
            }
        }
        return recorded;
    }

    // ---- parameters ----

    /** Reads the body into the command; the rules of a sound definition are {@link CampaignRules}'. */
    private DefineCampaign defineCommand(CampaignRequests.DefineBody body) {
        FieldErrors errors = new FieldErrors();
        ConsentPurpose purpose = body.purpose() == null
                ? ConsentPurpose.MARKETING
                : errors.required("purpose", body.purpose(), ConsentPurpose::of);
        Money cost = null;
        if (body.cost() != null && body.currency() == null) {
            errors.reject("currency", "is required with a cost");
        } else if (body.cost() != null) {
            cost = errors.required("cost", body.cost().toPlainString(), amount -> Money.of(amount, body.currency()));
        }
        List<Variant> variants = new ArrayList<>();
        if (body.variants() != null) {
            for (int i = 0; i < body.variants().size(); i++) {
                CampaignRequests.VariantBody variant = body.variants().get(i);
                if (variant == null) {
                    errors.reject("variants[" + i + "]", "must not be null");
                } else {
                    variants.add(
                            new Variant(variant.code(), variant.offer(), variant.messageReference(), variant.share()));
                }
            }
        }
        DefineCampaign command = new DefineCampaign(
                body.campaignId() == null ? CampaignId.newId() : new CampaignId(body.campaignId()),
                body.name() == null ? null : body.name().strip(),
                body.objective(),
                body.channel(),
                purpose,
                body.offer(),
                body.messageReference(),
                body.targetDescription(),
                cost,
                body.attributionWindowDays() == null ? 30 : body.attributionWindowDays(),
                body.controlRatio() == null ? BigDecimal.ZERO : body.controlRatio(),
                variants);
        CampaignRules.problems(command).forEach(problem -> errors.reject(problem.field(), problem.reason()));
        errors.throwIfAny();
        return command;
    }

    /**
     * Each listed member's lifecycle phase at launch, its segment in the campaign's results; none when the segment
     * views are not in this process.
     */
    private Map<UUID, String> phasesAtLaunch(List<UUID> customers) {
        try {
            return queries.query(
                            new org.clientele.events.segment.FindLifecyclePhases(customers, clock.instant()),
                            org.clientele.events.segment.LifecyclePhases.class)
                    .join()
                    .phases();
        } catch (NoHandlerForQueryException | java.util.concurrent.CompletionException e) {
            return Map.of();
        }
    }

    private FindSegmentMembers segmentQuery(FieldErrors errors, CampaignRequests.SegmentBody segment) {
        if (segment.view() == null || !List.of("lifecycle", "rfm", "tiers").contains(segment.view())) {
            errors.reject("segment.view", "is one of lifecycle, rfm, tiers");
        }
        if (segment.segment() == null || segment.segment().isBlank()) {
            errors.reject("segment.segment", "is required (a phase, an RFM segment code or a tier)");
        }
        Instant asOf = segment.asOf() == null
                ? clock.instant()
                : errors.required("segment.asOf", segment.asOf(), DateParameters::endOfDay);
        return errors.isEmpty() ? new FindSegmentMembers(segment.view(), code(segment.segment()), asOf) : null;
    }

    /** A segment as one code, however it was written: "At risk" and "AT_RISK" are one segment, "Can't lose them" too. */
    static String code(String segment) {
        return segment.strip().replace("'", "").replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static List<UUID> customers(UUID one, List<UUID> many) {
        FieldErrors errors = new FieldErrors();
        if ((one == null) == (many == null)) {
            errors.reject("customerId", "give either customerId or customerIds");
        } else if (many != null && (many.isEmpty() || many.size() > MAX_BATCH)) {
            errors.reject("customerIds", "must hold 1 to " + MAX_BATCH + " customers");
        } else if (many != null && many.contains(null)) {
            errors.reject("customerIds", "must not hold null");
        }
        errors.throwIfAny();
        return one != null ? List.of(one) : List.copyOf(new java.util.LinkedHashSet<>(many));
    }

    private CampaignDirectory.Entry known(String id) {
        FieldErrors errors = new FieldErrors();
        CampaignId campaignId = errors.required("id", id, CampaignId::parse);
        errors.throwIfAny();
        return directory
                .campaign(campaignId)
                .orElseThrow(
                        () -> ProblemException.notFound("CAMPAIGN_NOT_FOUND", "No campaign " + id + " is defined."));
    }

    private <R> R send(Object command, HttpServletRequest request) {
        Map<String, String> metadata = requestMetadata.commandMetadata(request);
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata));
        return commands.sendAndWait(message, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private String correlationId(HttpServletRequest request) {
        return requestMetadata.commandMetadata(request).get(MessageMetadata.CORRELATION_ID);
    }
}
