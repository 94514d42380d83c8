package org.clientele.command.customer;

import static org.clientele.command.customer.CustomerFixtures.ADA;
import static org.clientele.command.customer.CustomerFixtures.CLOCK;
import static org.clientele.command.customer.CustomerFixtures.NOW;
import static org.clientele.command.customer.CustomerFixtures.registered;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.PreferencesSet;
import org.clientele.events.customer.CustomerId;
import org.clientele.events.customer.CustomerMergedInto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The preference centre on the aggregate: recorded when they change, and nothing when they do not. */
class PreferencesTest {

    private static final Instant PAUSE = Instant.parse("2024-09-01T00:00:00Z");

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(CLOCK);
    }

    @Test
    void recordsNewPreferencesAsOfNow() {
        fixture.given(registered())
                .when(new SetPreferences(ADA, Set.of(Channel.EMAIL), 4, 30, PAUSE, null))
                .expectEvents(new PreferencesSet(ADA, Set.of(Channel.EMAIL), 4, 30, PAUSE, NOW))
                .expectResultMessagePayload(Outcome.APPLIED);
    }

    @Test
    void theSamePreferencesAgainChangeNothing() {
        fixture.given(registered(), new PreferencesSet(ADA, Set.of(Channel.EMAIL), 4, 30, PAUSE, NOW))
                .when(new SetPreferences(ADA, Set.of(Channel.EMAIL), 4, 30, PAUSE, null))
                .expectNoEvents()
                .expectResultMessagePayload(Outcome.UNCHANGED);
    }

    @Test
    void liftingThePauseIsAChange() {
        fixture.given(registered(), new PreferencesSet(ADA, Set.of(Channel.EMAIL), 4, 30, PAUSE, NOW))
                .when(new SetPreferences(ADA, Set.of(Channel.EMAIL), 4, 30, null, null))
                .expectEvents(new PreferencesSet(ADA, Set.of(Channel.EMAIL), 4, 30, null, NOW));
    }

    @Test
    void aMergedCustomerRefusesPreferences() {
        CustomerId survivor = new CustomerId(UUID.fromString("7d0c9f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6"));
        fixture.given(registered(), new CustomerMergedInto(ADA, survivor, null, NOW))
                .when(new SetPreferences(ADA, Set.of(), null, null, null, null))
                .expectException(CustomerTest.rejectedBecause(Rejection.MERGED));
    }
}
