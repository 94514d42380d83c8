package org.clientele.command.customer;

import static org.clientele.command.customer.CustomerFixtures.ADA;
import static org.clientele.command.customer.CustomerFixtures.CLOCK;
import static org.clientele.command.customer.CustomerFixtures.NOW;
import static org.clientele.command.customer.CustomerFixtures.purchase;
import static org.clientele.command.customer.CustomerFixtures.register;
import static org.clientele.command.customer.CustomerFixtures.registered;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.clientele.events.customer.CustomerErased;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.CustomerMergedInto;
import org.clientele.events.customer.CustomersMerged;
import org.clientele.events.customer.ErasureRequester;
import org.clientele.events.customer.MergedFacts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The right to erasure on the aggregate: recorded once, with merged duplicates, and final. */
class ErasureTest {

    private static final CustomerId DUPLICATE = new CustomerId(UUID.fromString("7d0c9f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6"));
    private static final EraseCustomer ERASE = new EraseCustomer(ADA, "DSR-42", ErasureRequester.DATA_SUBJECT);

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(CLOCK);
    }

    @Test
    void recordsTheErasureWithItsRequest() {
        fixture.given(registered())
                .when(ERASE)
                .expectEvents(new CustomerErased(ADA, "DSR-42", ErasureRequester.DATA_SUBJECT, NOW, List.of()))
                .expectResultMessagePayload(Outcome.APPLIED);
    }

    @Test
    void erasesTheDuplicatesMergedIntoTheCustomerToo() {
        fixture.given(registered(), new CustomersMerged(ADA, DUPLICATE, new MergedFacts(null, null), null, NOW))
                .when(ERASE)
                .expectEvents(
                        new CustomerErased(ADA, "DSR-42", ErasureRequester.DATA_SUBJECT, NOW, List.of(DUPLICATE)));
    }

    @Test
    void asksForTheSecondTimeChangeNothing() {
        fixture.given(registered(), erased())
                .when(new EraseCustomer(ADA, "DSR-43", ErasureRequester.AUTHORITY))
                .expectNoEvents()
                .expectResultMessagePayload(Outcome.UNCHANGED);
    }

    @Test
    void aMergedDuplicateIsErasedThroughItsSurvivor() {
        fixture.given(registered(), new CustomerMergedInto(ADA, DUPLICATE, null, NOW))
                .when(ERASE)
                .expectException(CustomerTest.rejectedBecause(Rejection.MERGED));
    }

    @Test
    void noCommandIsAcceptedAfterTheErasure() {
        fixture.given(registered(), erased())
                .when(purchase("A-1"))
                .expectNoEvents()
                .expectException(CustomerTest.rejectedBecause(Rejection.ERASED));
    }

    @Test
    void theErasedIdCannotBeRegisteredAgain() {
        fixture.given(registered(), erased())
                .when(register())
                .expectNoEvents()
                .expectException(CustomerTest.rejectedBecause(Rejection.ERASED));
    }

    private static CustomerErased erased() {
        return new CustomerErased(
                ADA, "DSR-42", ErasureRequester.DATA_SUBJECT, Instant.parse("2024-05-01T00:00:00Z"), null);
    }
}
