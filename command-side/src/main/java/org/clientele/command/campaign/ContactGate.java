package org.clientele.command.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.clientele.command.customer.ContactDecision;
import org.clientele.command.customer.CustomerRejected;
import org.clientele.command.customer.RequestContact;
import org.clientele.events.customer.CustomerId;
import org.springframework.stereotype.Component;

/**
 * The contact-policy gate for one customer or a whole audience: the campaign's side (running? in the audience? which
 * arm?) comes from the {@link CampaignDirectory}, the customer's side (consent, bounces, pause, preferences, pressure)
 * is decided on each customer, one command each.
 */
@Component
public class ContactGate {

    private static final long TIMEOUT_SECONDS = 30;

    /** The gate's answer for one customer; {@code error} names a customer the gate could not ask. */
    public record Answer(UUID customerId, ContactDecision decision, String error) {}

    private final CampaignDirectory directory;
    private final CommandGateway commands;

    ContactGate(CampaignDirectory directory, CommandGateway commands) {
        this.directory = directory;
        this.commands = commands;
    }

    public List<Answer> request(CampaignDirectory.Entry campaign, List<UUID> customers, Map<String, ?> metadata) {
        Map<UUID, CampaignDirectory.Member> members = directory.members(campaign.campaignId(), customers);
        List<Answer> answers = new ArrayList<>(customers.size());
        for (UUID customer : customers) {
            CampaignDirectory.Member member = members.get(customer);
            RequestContact command = new RequestContact(
                    new CustomerId(customer),
                    campaign.campaignId(),
                    campaign.channel(),
                    campaign.purpose(),
                    campaign.isRunning(),
                    member == null ? null : member.assignment());
            try {
                ContactDecision decision = commands.sendAndWait(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)),
                        TIMEOUT_SECONDS,
                        TimeUnit.SECONDS);
                answers.add(new Answer(customer, decision, null));
            } catch (AggregateNotFoundException e) {
                answers.add(new Answer(customer, null, "CUSTOMER_NOT_FOUND"));
            } catch (CustomerRejected e) {
                answers.add(new Answer(customer, null, e.rejection().name()));
            }
        }
        return answers;
    }
}
