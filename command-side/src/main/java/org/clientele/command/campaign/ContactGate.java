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

    /** Bulk requests are answered by a few workers at once (the customers are independent). */
    private static final int WORKERS = 4;

    private final CampaignDirectory directory;
    private final CommandGateway commands;
    private final java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.ExecutorService workers =
            java.util.concurrent.Executors.newFixedThreadPool(WORKERS, task -> {
                Thread thread = new Thread(task, "contact-gate-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    ContactGate(CampaignDirectory directory, CommandGateway commands) {
        this.directory = directory;
        this.commands = commands;
    }

    public List<Answer> request(CampaignDirectory.Entry campaign, List<UUID> customers, Map<String, ?> metadata) {
        Map<UUID, CampaignDirectory.Member> members = directory.members(campaign.campaignId(), customers);
        if (customers.size() == 1) {
            return List.of(ask(campaign, customers.get(0), members.get(customers.get(0)), metadata));
        }
        // each customer is its own command and transaction: several at once keep both cores and PostgreSQL busy
        List<java.util.concurrent.Future<Answer>> pending = new ArrayList<>(customers.size());
        for (UUID customer : customers) {
            pending.add(workers.submit(() -> ask(campaign, customer, members.get(customer), metadata)));
        }
        List<Answer> answers = new ArrayList<>(customers.size());
        for (java.util.concurrent.Future<Answer> answer : pending) {
            try {
                answers.add(answer.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the gate was answering", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException(e.getCause());
            }
        }
        return answers;
    }

    private Answer ask(
            CampaignDirectory.Entry campaign, UUID customer, CampaignDirectory.Member member, Map<String, ?> metadata) {
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
            return new Answer(customer, decision, null);
        } catch (AggregateNotFoundException e) {
            return new Answer(customer, null, "CUSTOMER_NOT_FOUND");
        } catch (CustomerRejected e) {
            return new Answer(customer, null, e.rejection().name());
        } catch (RuntimeException e) {
            // one customer's failure (a timeout, a conflict that outlasted the retries) is that customer's answer:
            // the others' decisions are recorded and reported all the same
            return new Answer(customer, null, "NOT_DECIDED: " + e.getClass().getSimpleName());
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        workers.shutdown();
    }
}
