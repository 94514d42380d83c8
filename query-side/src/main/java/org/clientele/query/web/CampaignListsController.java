package org.clientele.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.clientele.events.campaign.CampaignId;
import org.clientele.platform.web.FieldErrors;
import org.clientele.platform.web.ProblemException;
import org.clientele.query.campaign.CampaignMemory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A campaign's lists as CSV, for the sending tool (a back-office system) and the analysts: each member's latest
 * decision of the gate, and the frozen audience. Streamed from the campaign memory. Definitions are in
 * docs/campaigns.md.
 */
@RestController
@Tag(name = "Campaign memory")
class CampaignListsController {

    /** The sending tool is a back-office system: it reads its list, as analysts do. */
    static final String CAN_READ_LISTS = "hasAnyRole('BACKOFFICE','ANALYST','ADMIN')";

    /** Which of the gate's latest decisions to list. */
    enum Decision {
        APPROVED,
        REFUSED
    }

    private final CampaignMemory memory;

    CampaignListsController(CampaignMemory memory) {
        this.memory = memory;
    }

    @GetMapping(path = "/api/campaigns/{id}/contacts.csv", produces = "text/csv")
    @PreAuthorize(CAN_READ_LISTS)
    @Operation(
            summary = "The members whose latest decision of the gate is an approval (or a refusal), as CSV",
            description = "customer_id,decision,variant,reason,channel,decided_at; one line per audience member whose"
                    + " latest decision is the one asked for, in customer order. The approved list is who the sending"
                    + " tool may contact, with the variant to send. 404 CAMPAIGN_NOT_FOUND.")
    void contacts(
            @PathVariable String id,
            @Parameter(description = "APPROVED (default) or REFUSED") @RequestParam(required = false) String decision,
            HttpServletResponse response) {
        FieldErrors errors = new FieldErrors();
        CampaignId campaignId = errors.required("id", id, CampaignId::parse);
        Decision wanted =
                errors.optional("decision", decision, text -> QueryParameters.enumValue(Decision.class, text));
        errors.throwIfAny();
        Decision listed = wanted == null ? Decision.APPROVED : wanted;
        known(campaignId, id);
        csv(
                response,
                "campaign-" + campaignId + "-" + listed.name().toLowerCase(Locale.ROOT) + ".csv",
                new String[] {"customer_id", "decision", "variant", "reason", "channel", "decided_at"},
                printer -> memory.latestDecisions(
                        campaignId.value(),
                        listed == Decision.APPROVED,
                        line -> print(
                                printer,
                                line.customerId(),
                                line.approved() ? Decision.APPROVED : Decision.REFUSED,
                                line.variant(),
                                line.reason(),
                                line.channel(),
                                line.decidedAt())));
    }

    @GetMapping(path = "/api/campaigns/{id}/audience.csv", produces = "text/csv")
    @PreAuthorize(CAN_READ_LISTS)
    @Operation(
            summary = "The campaign's frozen audience, as CSV",
            description = "customer_id,segment,assignment; every member, in customer order, with its launch segment"
                    + " (empty for an explicit list) and its arm (CONTROL, a variant code, or MAIN). 404"
                    + " CAMPAIGN_NOT_FOUND.")
    void audience(@PathVariable String id, HttpServletResponse response) {
        FieldErrors errors = new FieldErrors();
        CampaignId campaignId = errors.required("id", id, CampaignId::parse);
        errors.throwIfAny();
        known(campaignId, id);
        csv(
                response,
                "campaign-" + campaignId + "-audience.csv",
                new String[] {"customer_id", "segment", "assignment"},
                printer -> memory.audience(
                        campaignId.value(),
                        line -> print(printer, line.customerId(), line.segment(), line.assignment())));
    }

    /** Checked before the first byte is written, so that an unknown campaign gets its problem, not an empty file. */
    private void known(CampaignId campaignId, String id) {
        if (!memory.exists(campaignId.value())) {
            throw ProblemException.notFound("CAMPAIGN_NOT_FOUND", "No campaign " + id + " is known.");
        }
    }

    private static void csv(
            HttpServletResponse response, String fileName, String[] header, Consumer<CSVPrinter> lines) {
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        try {
            CSVPrinter printer = new CSVPrinter(
                    response.getWriter(),
                    CSVFormat.DEFAULT.builder().setHeader(header).get());
            lines.accept(printer);
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(CSVPrinter printer, Object... values) {
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
