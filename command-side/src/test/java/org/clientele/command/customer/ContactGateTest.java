package org.clientele.command.customer;

import static org.clientele.command.customer.CustomerFixtures.ADA;
import static org.clientele.command.customer.CustomerFixtures.CLOCK;
import static org.clientele.command.customer.CustomerFixtures.NOW;
import static org.clientele.command.customer.CustomerFixtures.daysAgo;
import static org.clientele.command.customer.CustomerFixtures.granted;
import static org.clientele.command.customer.CustomerFixtures.newEmail;
import static org.clientele.command.customer.CustomerFixtures.registered;
import static org.clientele.command.customer.CustomerFixtures.updated;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.clientele.events.campaign.AudienceMember;
import org.clientele.events.campaign.CampaignId;
import org.clientele.events.campaign.ContactApproved;
import org.clientele.events.campaign.ContactRefusal;
import org.clientele.events.campaign.ContactRefused;
import org.clientele.events.campaign.DeliveryOutcome;
import org.clientele.events.campaign.DeliveryOutcomeRecorded;
import org.clientele.events.consent.Channel;
import org.clientele.events.consent.ConsentPurpose;
import org.clientele.events.consent.ConsentSource;
import org.clientele.events.consent.ConsentWithdrawn;
import org.clientele.events.consent.PreferencesSet;
import org.clientele.events.customer.CustomerErased;
import org.clientele.events.customer.ErasureRequester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contact-policy gate on the customer: approved when everything allows it, refused with each reason otherwise,
 * and every decision recorded; approvals count toward the pressure caps within their rolling period.
 */
class ContactGateTest {

    private static final CampaignId SPRING = new CampaignId(UUID.fromString("3c9a1e7b-5d2f-4a8c-9b6e-1f0d2c3b4a59"));

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(ContactPolicy.DEFAULTS); // 4 a channel, 8 in all, over 30 days
    }

    private static RequestContact ask(CampaignId campaign, Channel channel, String assignment) {
        return new RequestContact(ADA, campaign, channel, ConsentPurpose.MARKETING, true, assignment);
    }

    private static RequestContact ask() {
        return ask(SPRING, Channel.EMAIL, "A");
    }

    private static ContactRefused refused(ContactRefusal reason) {
        return new ContactRefused(ADA, SPRING, Channel.EMAIL, reason, NOW);
    }

    /** Approvals for other campaigns on a channel, the given number of days ago. */
    private static List<Object> approvals(int count, Channel channel, int daysAgo) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new ContactApproved(ADA, CampaignId.newId(), channel, "MAIN", daysAgo(daysAgo)));
        }
        return events;
    }

    private static Object[] history(Object... more) {
        List<Object> events = new ArrayList<>(List.of(registered(daysAgo(400)), granted(daysAgo(300))));
        for (Object event : more) {
            if (event instanceof List<?> list) {
                events.addAll(list);
            } else {
                events.add(event);
            }
        }
        return events.toArray();
    }

    @Test
    void approvesWhenNothingStandsInTheWay() {
        fixture.given(history())
                .when(ask())
                .expectEvents(new ContactApproved(ADA, SPRING, Channel.EMAIL, "A", NOW))
                .expectResultMessagePayload(new ContactDecision(true, null, "A"));
    }

    @Test
    void askingAgainForAnApprovedCampaignDoesNotCountTwice() {
        fixture.given(history(new ContactApproved(ADA, SPRING, Channel.EMAIL, "A", daysAgo(1))))
                .when(ask())
                .expectNoEvents()
                .expectResultMessagePayload(new ContactDecision(true, null, "A"));
    }

    @Test
    void anApprovalAYearOldStillAnswersForItsCampaignButNoLongerWeighs() {
        fixture.given(history(
                        new ContactApproved(ADA, SPRING, Channel.EMAIL, "A", daysAgo(380)),
                        approvals(3, Channel.EMAIL, 2)))
                .when(ask())
                .expectNoEvents()
                .expectResultMessagePayload(new ContactDecision(true, null, "A"));
    }

    @Test
    void askingAgainChecksEverythingAnewButTheCaps() {
        fixture.given(history(
                        new ContactApproved(ADA, SPRING, Channel.EMAIL, "A", daysAgo(2)),
                        new CustomerErased(ADA, "DSR-1", ErasureRequester.DATA_SUBJECT, daysAgo(1), null)))
                .when(ask())
                .expectEvents(refused(ContactRefusal.ERASED))
                .expectResultMessagePayload(new ContactDecision(false, ContactRefusal.ERASED, null));
    }

    @Test
    void askingAgainAfterAnUnsubscriptionIsRefused() {
        fixture.given(history(
                        new ContactApproved(ADA, SPRING, Channel.EMAIL, "A", daysAgo(2)),
                        new ConsentWithdrawn(
                                ADA,
                                Channel.EMAIL,
                                ConsentPurpose.MARKETING,
                                ConsentSource.of("unsubscribe_link"),
                                null,
                                daysAgo(1))))
                .when(ask())
                .expectEvents(refused(ContactRefusal.NO_CONSENT));
    }

    @Nested
    class Refusals {

        @Test
        void noConsentForTheChannel() {
            fixture.given(registered(daysAgo(400)))
                    .when(ask())
                    .expectEvents(refused(ContactRefusal.NO_CONSENT))
                    .expectResultMessagePayload(new ContactDecision(false, ContactRefusal.NO_CONSENT, null));
        }

        @Test
        void aConsentForAnotherPurposeIsNoConsent() {
            fixture.given(history())
                    .when(new RequestContact(ADA, SPRING, Channel.EMAIL, ConsentPurpose.PARTNERS, true, "A"))
                    .expectEvents(new ContactRefused(ADA, SPRING, Channel.EMAIL, ContactRefusal.NO_CONSENT, NOW));
        }

        @Test
        void aHardBounceInvalidatesTheAddress() {
            fixture.given(history(
                            new ContactApproved(ADA, CampaignId.newId(), Channel.EMAIL, "MAIN", daysAgo(40)),
                            new DeliveryOutcomeRecorded(
                                    ADA, CampaignId.newId(), Channel.EMAIL, DeliveryOutcome.HARD_BOUNCE, daysAgo(39))))
                    .when(ask())
                    .expectEvents(refused(ContactRefusal.ADDRESS_INVALID));
        }

        @Test
        void aNewEmailAddressIsWorthTryingAgain() {
            fixture.given(history(
                            new DeliveryOutcomeRecorded(
                                    ADA, CampaignId.newId(), Channel.EMAIL, DeliveryOutcome.HARD_BOUNCE, daysAgo(39)),
                            updated(newEmail())))
                    .when(ask())
                    .expectEvents(new ContactApproved(ADA, SPRING, Channel.EMAIL, "A", NOW));
        }

        @Test
        void theChannelCapIsReachedWithinThePeriod() {
            fixture.given(history(approvals(4, Channel.EMAIL, 29)))
                    .when(ask())
                    .expectEvents(refused(ContactRefusal.PRESSURE_CAP_CHANNEL));
        }

        @Test
        void approvalsOlderThanThePeriodNoLongerCount() {
            fixture.given(history(approvals(4, Channel.EMAIL, 31)))
                    .when(ask())
                    .expectEvents(new ContactApproved(ADA, SPRING, Channel.EMAIL, "A", NOW));
        }

        @Test
        void theTotalCapCountsEveryChannel() {
            fixture.given(history(approvals(4, Channel.SMS, 5), approvals(4, Channel.POSTAL, 5)))
                    .when(ask())
                    .expectEvents(refused(ContactRefusal.PRESSURE_CAP_TOTAL));
        }

        @Test
        void theCustomersOwnLowerLimitApplies() {
            fixture.given(history(
                            new PreferencesSet(ADA, Set.of(), 2, 60, null, daysAgo(100)),
                            approvals(2, Channel.SMS, 50)))
                    .when(ask())
                    .expectEvents(refused(ContactRefusal.PRESSURE_CAP_TOTAL));
        }

        @Test
        void theCustomerPausedCommunications() {
            fixture.given(history(new PreferencesSet(ADA, Set.of(), null, null, NOW.plusSeconds(86_400), daysAgo(1))))
                    .when(ask())
                    .expectEvents(refused(ContactRefusal.PAUSED));
        }

        @Test
        void theCustomerPrefersAnotherChannel() {
            fixture.given(history(new PreferencesSet(ADA, Set.of(Channel.SMS), null, null, null, daysAgo(1))))
                    .when(ask())
                    .expectEvents(refused(ContactRefusal.NOT_PREFERRED_CHANNEL));
        }

        @Test
        void preferredChannelsCountOnlyWhereThePolicySaysSo() {
            fixture = new AggregateTestFixture<>(Customer.class);
            fixture.registerInjectableResource(CLOCK);
            fixture.registerInjectableResource(new ContactPolicy(4, 8, 30, false));
            fixture.given(history(new PreferencesSet(ADA, Set.of(Channel.SMS), null, null, null, daysAgo(1))))
                    .when(ask())
                    .expectEvents(new ContactApproved(ADA, SPRING, Channel.EMAIL, "A", NOW));
        }

        @Test
        void anErasedCustomerIsNeverContacted() {
            fixture.given(history(new CustomerErased(ADA, "DSR-1", ErasureRequester.DATA_SUBJECT, daysAgo(1), null)))
                    .when(ask())
                    .expectEvents(refused(ContactRefusal.ERASED));
        }

        @Test
        void theControlGroupIsNeverContacted() {
            fixture.given(history())
                    .when(ask(SPRING, Channel.EMAIL, AudienceMember.CONTROL))
                    .expectEvents(refused(ContactRefusal.CONTROL_GROUP));
        }

        @Test
        void aCustomerOutsideTheAudienceIsNotContacted() {
            fixture.given(history())
                    .when(ask(SPRING, Channel.EMAIL, null))
                    .expectEvents(refused(ContactRefusal.NOT_IN_AUDIENCE));
        }

        @Test
        void aCampaignThatIsNotRunningContactsNobody() {
            fixture.given(history())
                    .when(new RequestContact(ADA, SPRING, Channel.EMAIL, ConsentPurpose.MARKETING, false, "A"))
                    .expectEvents(refused(ContactRefusal.CAMPAIGN_NOT_RUNNING));
        }
    }

    @Nested
    class Outcomes {

        private final ContactApproved contacted = new ContactApproved(ADA, SPRING, Channel.EMAIL, "A", daysAgo(2));

        private RecordDeliveryOutcome report(DeliveryOutcome outcome) {
            return new RecordDeliveryOutcome(ADA, SPRING, ConsentPurpose.MARKETING, outcome, daysAgo(1));
        }

        @Test
        void anOutcomeIsRecordedOnTheContactsChannel() {
            fixture.given(history(contacted))
                    .when(report(DeliveryOutcome.OPENED))
                    .expectEvents(
                            new DeliveryOutcomeRecorded(ADA, SPRING, Channel.EMAIL, DeliveryOutcome.OPENED, daysAgo(1)))
                    .expectResultMessagePayload(Outcome.APPLIED);
        }

        @Test
        void theSameReportTwiceIsRecordedOnce() {
            fixture.given(history(
                            contacted,
                            new DeliveryOutcomeRecorded(
                                    ADA, SPRING, Channel.EMAIL, DeliveryOutcome.OPENED, daysAgo(1))))
                    .when(report(DeliveryOutcome.OPENED))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void aSecondReportOfTheSameKindIsRecordedOnceWhateverItsTime() {
            fixture.given(history(
                            contacted,
                            new DeliveryOutcomeRecorded(
                                    ADA, SPRING, Channel.EMAIL, DeliveryOutcome.OPENED, daysAgo(1))))
                    .when(new RecordDeliveryOutcome(
                            ADA, SPRING, ConsentPurpose.MARKETING, DeliveryOutcome.OPENED, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.UNCHANGED);
        }

        @Test
        void aLateUnsubscriptionDoesNotUndoAConsentGivenAgainSince() {
            fixture.given(history(contacted, granted(NOW.minusSeconds(3_600))))
                    .when(report(DeliveryOutcome.UNSUBSCRIBED)) // dated a day ago
                    .expectEvents(new DeliveryOutcomeRecorded(
                            ADA, SPRING, Channel.EMAIL, DeliveryOutcome.UNSUBSCRIBED, daysAgo(1)));
        }

        @Test
        void aBounceOfAnAddressReplacedSinceLeavesTheNewOneValid() {
            fixture.given(history(contacted, updated(newEmail())))
                    .andGiven(new DeliveryOutcomeRecorded(
                            ADA, SPRING, Channel.EMAIL, DeliveryOutcome.HARD_BOUNCE, daysAgo(30)))
                    .when(ask(CampaignId.newId(), Channel.EMAIL, "A"))
                    .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                    org.hamcrest.Matchers.instanceOf(ContactApproved.class),
                                    org.axonframework.test.matchers.Matchers.andNoMore())));
        }

        @Test
        void anUnsubscriptionWithdrawsTheConsent() {
            fixture.given(history(contacted))
                    .when(report(DeliveryOutcome.UNSUBSCRIBED))
                    .expectEvents(
                            new DeliveryOutcomeRecorded(
                                    ADA, SPRING, Channel.EMAIL, DeliveryOutcome.UNSUBSCRIBED, daysAgo(1)),
                            new ConsentWithdrawn(
                                    ADA,
                                    Channel.EMAIL,
                                    ConsentPurpose.MARKETING,
                                    ConsentSource.of("unsubscribe_link"),
                                    null,
                                    daysAgo(1)));
        }

        @Test
        void anOutcomeWithoutAnApprovedContactIsRefused() {
            fixture.given(history())
                    .when(report(DeliveryOutcome.CLICKED))
                    .expectNoEvents()
                    .expectException(CustomerTest.rejectedBecause(Rejection.NO_APPROVED_CONTACT));
        }
    }
}
