package org.clientele.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.consent.Channel;
import org.clientele.platform.security.Roles;
import org.clientele.platform.web.DateParameters;
import org.clientele.platform.web.FieldErrors;
import org.clientele.platform.web.ProblemException;
import org.clientele.query.campaign.CampaignMemory;
import org.clientele.query.campaign.CampaignResults;
import org.clientele.query.campaign.CampaignView;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The campaign memory: the history of operations, one campaign's results with its uplift over the control group,
 * and every operation that ran on a launch segment. Definitions are in docs/campaigns.md.
 */
@RestController
@PreAuthorize(Roles.CAN_READ)
@Tag(name = "Campaign memory")
class CampaignMemoryController {

    static final int MAX_PAGE_SIZE = 500;

    private static final String AS_OF = "as of this date (2025-03-31, its end) or instant; now when absent";

    private final CampaignMemory memory;
    private final Clock clock;

    CampaignMemoryController(CampaignMemory memory, Clock clock) {
        this.memory = memory;
        this.clock = clock;
    }

    @GetMapping("/api/campaigns")
    @Operation(
            summary =
                    "Every operation, newest first, searchable by channel, segment, offer, objective, status and date",
            description = "A campaign's date is its launch, or its definition until it is launched. offer and objective"
                    + " match any part of the text (the offer of the campaign or of a variant); segment is a launch"
                    + " segment label such as 'rfm AT_RISK'. Case is ignored.")
    CampaignMemory.HistoryPage history(
            @Parameter(description = "EMAIL, SMS, PHONE or POSTAL") @RequestParam(required = false) String channel,
            @Parameter(description = "a launch segment label, e.g. 'rfm AT_RISK'") @RequestParam(required = false)
                    String segment,
            @RequestParam(required = false) String offer,
            @RequestParam(required = false) String objective,
            @Parameter(description = "DEFINED, LAUNCHED or CLOSED") @RequestParam(required = false) String status,
            @Parameter(description = "campaigns dated from this day (its start) or instant")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "campaigns dated up to this day (its end) or instant")
                    @RequestParam(required = false)
                    String to,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        FieldErrors errors = new FieldErrors();
        Channel onChannel = errors.optional("channel", channel, text -> QueryParameters.enumValue(Channel.class, text));
        CampaignView.Status inStatus =
                errors.optional("status", status, text -> QueryParameters.enumValue(CampaignView.Status.class, text));
        Instant start = errors.optional("from", from, DateParameters::startOfDay);
        Instant end = errors.optional("to", to, DateParameters::endOfDay);
        if (start != null && end != null && end.isBefore(start)) {
            errors.reject("to", "must not come before from");
        }
        Integer pageNumber = errors.optional(
                "page", page, text -> QueryParameters.bounded(text, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE));
        Integer pageSize = errors.optional("size", size, text -> QueryParameters.bounded(text, 1, MAX_PAGE_SIZE));
        errors.throwIfAny();
        return memory.history(
                new CampaignMemory.HistoryFilter(
                        onChannel == null ? null : onChannel.name(),
                        blankToNull(segment),
                        blankToNull(offer),
                        blankToNull(objective),
                        inStatus,
                        start,
                        end),
                pageNumber == null ? 0 : pageNumber,
                pageSize == null ? 50 : pageSize);
    }

    @GetMapping("/api/campaigns/{id}/results")
    @Operation(
            summary = "A campaign's results: counts, revenue, ROI and uplift over control, per variant and per segment",
            description = "Treated members (assigned to a variant) against the control group, by intention to treat:"
                    + " every member's purchases over the same window from the launch. Attributed revenue and ROI"
                    + " follow the contacts by last touch. Uplifts carry 95 % confidence intervals; a verdict needs"
                    + " 30 members a side (TOO_SMALL otherwise). Closing stops the contacts, not the windows: results"
                    + " are final once closed and past the last window's end. 404 CAMPAIGN_NOT_FOUND, 409"
                    + " CAMPAIGN_NOT_LAUNCHED.")
    CampaignResults results(
            @PathVariable String id,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(
                            description =
                                    "the currency revenue is counted in; the cost's, else the one most revenue was"
                                            + " in, when absent")
                    @RequestParam(required = false)
                    String currency) {
        FieldErrors errors = new FieldErrors();
        CampaignId campaignId = errors.required("id", id, CampaignId::parse);
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        String inCurrency = errors.optional("currency", currency, QueryParameters::currency);
        errors.throwIfAny();
        CampaignView campaign = memory.campaign(campaignId.value())
                .orElseThrow(() -> ProblemException.notFound("CAMPAIGN_NOT_FOUND", "No campaign " + id + " is known."));
        if (campaign.launchedAt() == null) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "CAMPAIGN_NOT_LAUNCHED",
                    "Campaign " + id + " is defined but not launched: it has no audience, hence no results, yet.");
        }
        return memory.results(campaign, at, inCurrency);
    }

    @GetMapping("/api/segments/{segment}/operations")
    @Operation(
            summary = "Every operation that ran on a launch segment, with its results on that segment's members",
            description = "The segment is a launch segment label as campaigns record it, such as 'rfm AT_RISK' (URL"
                    + " encoded: rfm%20AT_RISK); case is ignored. The best uplift in conversion comes first; each"
                    + " operation's verdict says whether it won or lost against its control group there.")
    CampaignMemory.SegmentOperations segmentOperations(
            @PathVariable String segment, @Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        FieldErrors errors = new FieldErrors();
        String label = errors.required("segment", segment, String::strip);
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        errors.throwIfAny();
        return memory.segmentOperations(label, at);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
