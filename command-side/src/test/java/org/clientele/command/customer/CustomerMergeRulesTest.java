package org.clientele.command.customer;

import static org.clientele.command.customer.CustomerFixtures.ADA;
import static org.clientele.command.customer.CustomerFixtures.CLOCK;
import static org.clientele.command.customer.CustomerFixtures.NOW;
import static org.clientele.command.customer.CustomerFixtures.daysAgo;
import static org.clientele.command.customer.CustomerFixtures.purchase;
import static org.clientele.command.customer.CustomerFixtures.purchased;
import static org.clientele.command.customer.CustomerFixtures.registered;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.clientele.events.customer.ContactDetails;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.CustomerMergedInto;
import org.clientele.events.customer.CustomersMerged;
import org.clientele.events.customer.MergedFacts;
import org.clientele.events.purchase.OrderReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What merging leaves behind on each side: a duplicate that refuses commands, a survivor that knows its orders. */
class CustomerMergeRulesTest {

    private static final CustomerId SURVIVOR = new CustomerId(UUID.fromString("7d0c9f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6"));

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(CLOCK);
    }

    @Test
    void aMergedDuplicateRefusesCommandsAndNamesItsSurvivor() {
        fixture.given(registered(), new CustomerMergedInto(ADA, SURVIVOR, "same person", NOW))
                .when(purchase("A-9"))
                .expectNoEvents()
                .expectException(CustomerRejected.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(SURVIVOR.toString()))
                .expectException(CustomerTest.rejectedBecause(Rejection.MERGED));
    }

    @Test
    void anImportLinksANewExternalReferenceOnce() {
        var amend = new AmendContactDetails(ADA, ContactDetails.none(), "shop", "S-9");
        fixture.given(registered())
                .when(amend)
                .expectEvents(new org.clientele.events.customer.ExternalReferenceLinked(ADA, "shop", "S-9"))
                .expectResultMessagePayload(Outcome.APPLIED);
        fixture.given(registered(), new org.clientele.events.customer.ExternalReferenceLinked(ADA, "shop", "S-9"))
                .when(amend)
                .expectNoEvents()
                .expectResultMessagePayload(Outcome.UNCHANGED);
    }

    @Test
    void aMergedDuplicateRefusesContactUpdatesToo() {
        fixture.given(registered(), new CustomerMergedInto(ADA, SURVIVOR, null, NOW))
                .when(new UpdateContactDetails(ADA, ContactDetails.none()))
                .expectException(CustomerTest.rejectedBecause(Rejection.MERGED));
    }

    @Test
    void theSurvivorKnowsTheOrdersItTookOverSoTheyAreNotRecordedTwice() {
        MergedFacts absorbed = new MergedFacts(
                List.of(new MergedFacts.Order(
                        OrderReference.of("A-1"),
                        daysAgo(3),
                        new BigDecimal("9.00"),
                        Currency.getInstance("EUR"),
                        false)),
                List.of());
        fixture.given(registered(), new CustomersMerged(ADA, SURVIVOR, absorbed, null, NOW))
                .when(purchase("A-1"))
                .expectNoEvents()
                .expectResultMessagePayload(Outcome.UNCHANGED);
    }

    @Test
    void aPurchaseTakenOverAfterTheChurnBringsTheSurvivorBack() {
        MergedFacts absorbed = new MergedFacts(
                List.of(new MergedFacts.Order(
                        OrderReference.of("B-1"),
                        daysAgo(2),
                        new BigDecimal("9.00"),
                        Currency.getInstance("EUR"),
                        false)),
                List.of());
        fixture.given(
                        registered(),
                        purchased("A-1", daysAgo(30)),
                        CustomerFixtures.churned(daysAgo(10)),
                        new CustomersMerged(ADA, SURVIVOR, absorbed, null, NOW))
                .when(CustomerFixtures.churn(daysAgo(1)))
                .expectResultMessagePayload(Outcome.APPLIED);
    }
}
