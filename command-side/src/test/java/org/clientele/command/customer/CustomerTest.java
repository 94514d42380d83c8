package org.clientele.command.customer;

import static org.clientele.command.customer.CustomerFixtures.ADA_CONTACT;
import static org.clientele.command.customer.CustomerFixtures.CLOCK;
import static org.clientele.command.customer.CustomerFixtures.NOW;
import static org.clientele.command.customer.CustomerFixtures.churn;
import static org.clientele.command.customer.CustomerFixtures.churned;
import static org.clientele.command.customer.CustomerFixtures.daysAgo;
import static org.clientele.command.customer.CustomerFixtures.grant;
import static org.clientele.command.customer.CustomerFixtures.granted;
import static org.clientele.command.customer.CustomerFixtures.newEmail;
import static org.clientele.command.customer.CustomerFixtures.purchase;
import static org.clientele.command.customer.CustomerFixtures.purchaseWithLinePricedIn;
import static org.clientele.command.customer.CustomerFixtures.purchased;
import static org.clientele.command.customer.CustomerFixtures.register;
import static org.clientele.command.customer.CustomerFixtures.registerAt;
import static org.clientele.command.customer.CustomerFixtures.registered;
import static org.clientele.command.customer.CustomerFixtures.update;
import static org.clientele.command.customer.CustomerFixtures.updated;
import static org.clientele.command.customer.CustomerFixtures.withdraw;
import static org.clientele.command.customer.CustomerFixtures.withdrawn;

import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.customer.ChurnReason;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerTest {

    private static final Instant JUST_WITHIN_SKEW = NOW.plus(DatePolicy.CLOCK_SKEW);
    private static final Instant BEYOND_SKEW = JUST_WITHIN_SKEW.plusSeconds(1);

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(CLOCK);
    }

    @Nested
    class Registering {

        @Test
        void registersANewContactAndAnswersApplied() {
            fixture.givenNoPriorActivity()
                    .when(register())
                    .expectEvents(registered(NOW))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void keepsTheRegistrationDateGiven() {
            fixture.givenNoPriorActivity()
                    .when(registerAt(daysAgo(30)))
                    .expectEvents(registered(daysAgo(30)))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void registeringTheSameContactAgainChangesNothing() {
            fixture.given(registered(daysAgo(30)))
                    .when(register())
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void aRetriedRegistrationIsRecognisedAfterTheContactChanged() {
            fixture.given(registered(daysAgo(30)), updated(newEmail()))
                    .when(register())
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void refusesTheSameIdWithOtherDetails() {
            expectRejection(
                    fixture.given(registered()).when(register(newEmail())), Rejection.ALREADY_REGISTERED_DIFFERENTLY);
        }

        @Test
        void acceptsARegistrationDateWithinTheClockSkew() {
            fixture.givenNoPriorActivity()
                    .when(registerAt(JUST_WITHIN_SKEW))
                    .expectEvents(registered(JUST_WITHIN_SKEW));
        }

        @Test
        void refusesARegistrationDateInTheFuture() {
            expectRejection(fixture.givenNoPriorActivity().when(registerAt(BEYOND_SKEW)), Rejection.DATE_IN_FUTURE);
        }
    }

    @Nested
    class UpdatingContactDetails {

        @Test
        void replacesTheContactDetails() {
            fixture.given(registered())
                    .when(update(newEmail()))
                    .expectEvents(updated(newEmail()))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void theSameDetailsAgainChangeNothing() {
            fixture.given(registered(), updated(newEmail()))
                    .when(update(newEmail()))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void theRegisteredDetailsAgainChangeNothing() {
            fixture.given(registered())
                    .when(update(ADA_CONTACT))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void goingBackToTheRegisteredDetailsIsAChange() {
            fixture.given(registered(), updated(newEmail()))
                    .when(update(ADA_CONTACT))
                    .expectEvents(updated(ADA_CONTACT))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void refusesAnUnknownCustomer() {
            expectUnknownCustomer(fixture.givenNoPriorActivity().when(update(newEmail())));
        }
    }

    @Nested
    class RecordingPurchases {

        @Test
        void recordsAPurchase() {
            fixture.given(registered())
                    .when(purchase("A-1"))
                    .expectEvents(purchased("A-1"))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void recordsTheSameOrderOnlyOnce() {
            fixture.given(registered(), purchased("A-1"))
                    .when(purchase("A-1", daysAgo(3)))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void recordsAnotherOrderOfTheSameCustomer() {
            fixture.given(registered(), purchased("A-1"))
                    .when(purchase("A-2"))
                    .expectEvents(purchased("A-2"))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void datesAnUndatedPurchaseNow() {
            fixture.given(registered()).when(purchase("A-1", null)).expectEvents(purchased("A-1", NOW));
        }

        @Test
        void refusesALinePricedInAnotherCurrency() {
            expectRejection(
                    fixture.given(registered()).when(purchaseWithLinePricedIn("A-1", "USD")),
                    Rejection.CURRENCY_MISMATCH);
        }

        @Test
        void refusesAPurchaseDateInTheFuture() {
            expectRejection(fixture.given(registered()).when(purchase("A-1", BEYOND_SKEW)), Rejection.DATE_IN_FUTURE);
        }

        @Test
        void refusesAnUnknownCustomer() {
            expectUnknownCustomer(fixture.givenNoPriorActivity().when(purchase("A-1")));
        }
    }

    @Nested
    class GrantingConsent {

        @Test
        void grantsAConsent() {
            fixture.given(registered())
                    .when(grant(daysAgo(1)))
                    .expectEvents(granted(daysAgo(1)))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void grantingAGrantedConsentChangesNothing() {
            fixture.given(registered(), granted(daysAgo(5)))
                    .when(grant(daysAgo(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void grantsAgainAfterAWithdrawal() {
            fixture.given(registered(), granted(daysAgo(5)), withdrawn(daysAgo(3)))
                    .when(grant(daysAgo(1)))
                    .expectEvents(granted(daysAgo(1)))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void acceptsAChangeDatedTheSameInstantAsThePreviousOne() {
            fixture.given(registered(), granted(daysAgo(5)), withdrawn(daysAgo(3)))
                    .when(grant(daysAgo(3)))
                    .expectEvents(granted(daysAgo(3)));
        }

        @Test
        void refusesAGrantDatedBeforeThePreviousChangeOfThatConsent() {
            expectRejection(
                    fixture.given(registered(), granted(daysAgo(5)), withdrawn(daysAgo(3)))
                            .when(grant(daysAgo(4))),
                    Rejection.CONSENT_CHANGE_OUT_OF_ORDER);
        }

        @Test
        void eachPurposeIsItsOwnConsent() {
            fixture.given(registered(), granted(daysAgo(5)))
                    .when(grant(ConsentPurpose.PARTNERS, daysAgo(1)))
                    .expectEvents(granted(ConsentPurpose.PARTNERS, daysAgo(1)))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void orderIsKeptPerConsentNotAcrossConsents() {
            fixture.given(registered(), granted(daysAgo(1)))
                    .when(grant(ConsentPurpose.PARTNERS, daysAgo(5)))
                    .expectEvents(granted(ConsentPurpose.PARTNERS, daysAgo(5)));
        }

        @Test
        void refusesAGrantDatedInTheFuture() {
            expectRejection(fixture.given(registered()).when(grant(BEYOND_SKEW)), Rejection.DATE_IN_FUTURE);
        }

        @Test
        void refusesAnUnknownCustomer() {
            expectUnknownCustomer(fixture.givenNoPriorActivity().when(grant(daysAgo(1))));
        }
    }

    @Nested
    class WithdrawingConsent {

        @Test
        void withdrawsAGrantedConsent() {
            fixture.given(registered(), granted(daysAgo(5)))
                    .when(withdraw(daysAgo(1)))
                    .expectEvents(withdrawn(daysAgo(1)))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void withdrawingAConsentNeverGrantedChangesNothing() {
            fixture.given(registered())
                    .when(withdraw(daysAgo(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void withdrawingAWithdrawnConsentChangesNothing() {
            fixture.given(registered(), granted(daysAgo(5)), withdrawn(daysAgo(3)))
                    .when(withdraw(daysAgo(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void refusesAWithdrawalDatedBeforeTheGrant() {
            expectRejection(
                    fixture.given(registered(), granted(daysAgo(5))).when(withdraw(daysAgo(6))),
                    Rejection.CONSENT_CHANGE_OUT_OF_ORDER);
        }

        @Test
        void refusesAWithdrawalDatedInTheFuture() {
            expectRejection(
                    fixture.given(registered(), granted(daysAgo(5))).when(withdraw(BEYOND_SKEW)),
                    Rejection.DATE_IN_FUTURE);
        }

        @Test
        void refusesAnUnknownCustomer() {
            expectUnknownCustomer(fixture.givenNoPriorActivity().when(withdraw(daysAgo(1))));
        }
    }

    @Nested
    class MarkingChurned {

        @Test
        void marksTheCustomerChurned() {
            fixture.given(registered(), purchased("A-1", daysAgo(90)))
                    .when(churn(daysAgo(1)))
                    .expectEvents(churned(daysAgo(1)))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void churningTwiceChangesNothing() {
            fixture.given(registered(), churned(daysAgo(10)))
                    .when(churn(daysAgo(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void aPurchaseAfterTheChurnBringsTheCustomerBack() {
            fixture.given(registered(), churned(daysAgo(10)), purchased("A-1", daysAgo(5)))
                    .when(churn(daysAgo(1)))
                    .expectEvents(churned(daysAgo(1)))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void aPurchaseDatedBeforeTheChurnLeavesTheCustomerChurned() {
            fixture.given(registered(), churned(daysAgo(10)), purchased("A-1", daysAgo(20)))
                    .when(churn(daysAgo(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void aChurnBackDatedBeforeTheLastPurchaseDoesNotBlockALaterChurn() {
            // decided by dates, as the read side does, not by the order the events arrived in
            fixture.given(registered(), purchased("A-1", daysAgo(5)), churned(daysAgo(10)))
                    .when(churn(daysAgo(1)))
                    .expectEvents(churned(daysAgo(1)))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void acceptsReasonOtherWithADetail() {
            fixture.given(registered())
                    .when(churn(ChurnReason.OTHER, "moved to a monastery"))
                    .expectEvents(churned(ChurnReason.OTHER, "moved to a monastery", NOW))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = " \t")
        void refusesReasonOtherWithoutADetail(String missingDetail) {
            expectRejection(
                    fixture.given(registered()).when(churn(ChurnReason.OTHER, missingDetail)),
                    Rejection.CHURN_DETAIL_REQUIRED);
        }

        @Test
        void aChurnedCustomerIsNotAskedForADetailAgain() {
            fixture.given(registered(), churned(daysAgo(10)))
                    .when(churn(ChurnReason.OTHER, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void refusesAChurnDateInTheFuture() {
            expectRejection(fixture.given(registered()).when(churn(BEYOND_SKEW)), Rejection.DATE_IN_FUTURE);
        }

        @Test
        void refusesAnUnknownCustomer() {
            expectUnknownCustomer(fixture.givenNoPriorActivity().when(churn(daysAgo(1))));
        }
    }

    private static void expectRejection(ResultValidator<Customer> result, Rejection rejection) {
        result.expectException(CustomerRejected.class)
                .expectException(rejectedBecause(rejection))
                .expectNoEvents();
    }

    private static void expectUnknownCustomer(ResultValidator<Customer> result) {
        result.expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    static Matcher<CustomerRejected> rejectedBecause(Rejection rejection) {
        return new FeatureMatcher<>(Matchers.equalTo(rejection), "a customer rejection because", "rejection") {
            @Override
            protected Rejection featureValueOf(CustomerRejected actual) {
                return actual.rejection();
            }
        };
    }
}
