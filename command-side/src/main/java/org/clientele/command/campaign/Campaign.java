package org.clientele.command.campaign;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.clientele.command.customer.Outcome;
import org.clientele.events.campaign.AudienceAssigned;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.CampaignClosed;
import org.clientele.events.campaign.CampaignDefined;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.campaign.CampaignLaunched;
import org.clientele.events.campaign.Variant;
import org.clientele.events.customer.CustomerId;

/**
 * One operation: defined, launched once on a frozen audience (each member assigned to the control group or a
 * variant by {@link Assignment}), then closed. Its contacts are decided on each customer (the contact gate), where
 * the pressure on that customer is known.
 */
@Aggregate
public class Campaign {

    /** Members per {@link AudienceAssigned} event. */
    static final int MEMBERS_PER_EVENT = 1_000;

    @AggregateIdentifier
    private CampaignId id;

    private BigDecimal controlRatio;
    private List<Variant> variants;
    private boolean launched;
    private boolean closed;

    protected Campaign() {}

    @CommandHandler
    public Campaign(DefineCampaign command, Clock clock) {
        CampaignRules.check(command);
        apply(new CampaignDefined(
                command.campaignId(),
                command.name().strip(),
                command.objective(),
                command.channel(),
                command.purpose(),
                command.offer(),
                command.messageReference(),
                command.targetDescription(),
                command.cost(),
                command.attributionWindowDays(),
                command.controlRatio(),
                command.variants(),
                clock.instant()));
    }

    @CommandHandler
    public Outcome handle(LaunchCampaign command, Clock clock) {
        if (closed) {
            throw new CampaignRejected("CAMPAIGN_CLOSED", "campaign " + id + " is closed");
        }
        if (launched) {
            return Outcome.UNCHANGED;
        }
        if (command.candidates().isEmpty()) {
            throw new CampaignRejected("EMPTY_AUDIENCE", "the audience of campaign " + id + " has nobody in it");
        }
        List<AudienceMember> members = new ArrayList<>(command.candidates().size());
        Set<CustomerId> seen = new HashSet<>();
        int control = 0;
        for (LaunchCampaign.Candidate candidate : command.candidates()) {
            if (!seen.add(candidate.customerId())) {
                continue; // a customer is in an audience once
            }
            String arm = Assignment.of(id, candidate.customerId(), controlRatio, variants);
            control += AudienceMember.CONTROL.equals(arm) ? 1 : 0;
            members.add(new AudienceMember(candidate.customerId(), candidate.segment(), arm));
        }
        apply(new CampaignLaunched(id, command.audience(), members.size(), control, clock.instant()));
        for (int from = 0; from < members.size(); from += MEMBERS_PER_EVENT) {
            apply(new AudienceAssigned(id, members.subList(from, Math.min(members.size(), from + MEMBERS_PER_EVENT))));
        }
        return Outcome.APPLIED;
    }

    @CommandHandler
    public Outcome handle(CloseCampaign command, Clock clock) {
        if (closed) {
            return Outcome.UNCHANGED;
        }
        apply(new CampaignClosed(id, clock.instant()));
        return Outcome.APPLIED;
    }

    @EventSourcingHandler
    void on(CampaignDefined event) {
        id = event.campaignId();
        controlRatio = event.controlRatio();
        variants = event.variants();
    }

    @EventSourcingHandler
    void on(CampaignLaunched event) {
        launched = true;
    }

    @EventSourcingHandler
    void on(CampaignClosed event) {
        closed = true;
    }
}
