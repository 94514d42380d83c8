package org.clientele.command.customer;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.clientele.events.customer.MergedFacts;

/**
 * Merging touches two customers, so no single aggregate can decide it: this handler loads both in one unit of work,
 * and both merge events are appended in one transaction, or neither is.
 */
public class CustomerMerging {

    private final Repository<Customer> customers;

    public CustomerMerging(Repository<Customer> customers) {
        this.customers = customers;
    }

    @CommandHandler
    public Outcome handle(MergeCustomers command, Clock clock) {
        if (command.survivorId().equals(command.duplicateId())) {
            throw new CustomerRejected(Rejection.SAME_CUSTOMER, "a customer cannot be merged into itself");
        }
        Instant at = clock.instant();
        Aggregate<Customer> survivor = customers.load(command.survivorId().toString());
        Aggregate<Customer> duplicate = customers.load(command.duplicateId().toString());
        MergedFacts absorbed =
                duplicate.invoke(customer -> customer.mergeInto(command.survivorId(), command.reason(), at));
        if (absorbed == null) {
            return Outcome.UNCHANGED;
        }
        survivor.execute(customer -> customer.absorb(command.duplicateId(), absorbed, command.reason(), at));
        return Outcome.APPLIED;
    }
}
