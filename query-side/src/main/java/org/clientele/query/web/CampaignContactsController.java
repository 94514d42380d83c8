package org.clientele.query.web;

import static org.clientele.query.web.CampaignMemoryController.blankToNull;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.clientele.events.consent.Channel;
import org.clientele.events.customer.CustomerId;
import org.clientele.platform.security.Roles;
import org.clientele.platform.web.DateParameters;
import org.clientele.platform.web.FieldErrors;
import org.clientele.query.campaign.ContactPressure;
import org.clientele.query.campaign.Receptivity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the campaigns did to the customers: the marketing pressure they are under, and how they respond to
 * messages. Definitions are in docs/campaigns.md.
 */
@RestController
@RequestMapping("/api/campaigns")
@PreAuthorize(Roles.CAN_READ)
@Tag(name = "Campaign memory")
class CampaignContactsController {

    private static final String AS_OF = "as of this date (2025-03-31, its end) or instant; now when absent";

    private final ContactPressure pressure;
    private final Receptivity receptivity;
    private final Clock clock;

    CampaignContactsController(ContactPressure pressure, Receptivity receptivity, Clock clock) {
        this.pressure = pressure;
        this.receptivity = receptivity;
        this.clock = clock;
    }

    @GetMapping("/pressure")
    @Operation(
            summary = "Messages per customer per channel over the last 7, 30 and 90 days, and the over-solicited",
            description = "A message is an approved contact. Per channel and for all channels together: customers"
                    + " reached, messages, average and maximum per customer. Over-solicited: the customers with more"
                    + " than `above` messages in the last `days` days on `channel` (all channels when absent), most"
                    + " first.")
    ContactPressure.Pressure pressure(
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = "the channel over-solicitation is judged on; all channels together when absent")
                    @RequestParam(required = false)
                    String channel,
            @Parameter(description = "the period over-solicitation is judged on: 7, 30 (default) or 90 days")
                    @RequestParam(required = false)
                    String days,
            @Parameter(description = "over-solicited means more messages than this in the period; default 4")
                    @RequestParam(required = false)
                    String above,
            @Parameter(description = "the most over-solicited customers listed, 1 to 1000; default 100")
                    @RequestParam(required = false)
                    String limit,
            @Parameter(description = "one customer whose counts to show as well") @RequestParam(required = false)
                    String customerId) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        Channel onChannel = errors.optional("channel", channel, text -> QueryParameters.enumValue(Channel.class, text));
        Integer period = errors.optional("days", days, text -> {
            int value = QueryParameters.bounded(text, 1, 90);
            if (!ContactPressure.PERIODS.contains(value)) {
                throw new IllegalArgumentException("must be one of " + ContactPressure.PERIODS + ", got " + value);
            }
            return value;
        });
        Integer threshold = errors.optional("above", above, text -> QueryParameters.bounded(text, 0, 100_000));
        Integer most = errors.optional("limit", limit, text -> QueryParameters.bounded(text, 1, 1000));
        CustomerId customer = errors.optional("customerId", customerId, CustomerId::parse);
        errors.throwIfAny();
        return pressure.pressure(
                at,
                onChannel,
                period == null ? 30 : period,
                threshold == null ? 4 : threshold,
                most == null ? 100 : most,
                customer == null ? null : customer.value());
    }

    @GetMapping("/receptivity")
    @Operation(
            summary = "Open and click rates: overall, month by month, per launch segment; never-openers, best openers"
                    + " and clickers",
            description = "A message is a campaign's approved contact with a customer, dated by its first approval,"
                    + " that the sending tool reported SENT, DELIVERED or later (OPENED, CLICKED...): an approval"
                    + " without a report is no message. Opened when OPENED or CLICKED was reported, clicked on"
                    + " CLICKED; bounced messages never delivered are left out. Channels that report no opens (SMS,"
                    + " postal) are best left out with `channel`.")
    Receptivity.View receptivity(
            @Parameter(description = "messages from this day (its start) or instant; 12 months before asOf when absent")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = "EMAIL, SMS, PHONE or POSTAL; all when absent") @RequestParam(required = false)
                    String channel,
            @Parameter(description = "only the messages to members of this launch segment")
                    @RequestParam(required = false)
                    String segment,
            @Parameter(description = "messages a customer needs to be ranked or called a never-opener; default 3")
                    @RequestParam(required = false)
                    String minMessages,
            @Parameter(description = "the most customers in each list, 1 to 500; default 20")
                    @RequestParam(required = false)
                    String limit,
            @Parameter(description = "one customer whose rates to show month by month as well")
                    @RequestParam(required = false)
                    String customerId) {
        FieldErrors errors = new FieldErrors();
        Instant at = QueryParameters.asOf(errors, asOf, clock);
        Instant start = errors.optional("from", from, DateParameters::startOfDay);
        if (start != null && at != null && start.isAfter(at)) {
            errors.reject("from", "must not come after asOf");
        }
        Channel onChannel = errors.optional("channel", channel, text -> QueryParameters.enumValue(Channel.class, text));
        Integer least = errors.optional("minMessages", minMessages, text -> QueryParameters.bounded(text, 1, 10_000));
        Integer most = errors.optional("limit", limit, text -> QueryParameters.bounded(text, 1, 500));
        CustomerId customer = errors.optional("customerId", customerId, CustomerId::parse);
        errors.throwIfAny();
        return receptivity.receptivity(
                start == null ? at.atZone(ZoneOffset.UTC).minusMonths(12).toInstant() : start,
                at,
                onChannel,
                blankToNull(segment),
                least == null ? 3 : least,
                most == null ? 20 : most,
                customer == null ? null : customer.value());
    }
}
